package kr.vcp.scanner.price;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A {@code POST /market-data/ticks} body from a broker feed adapter:
 * {@code {"ticks": [{"ticker": "005930", "time": "2026-12-02T10:15:03", "price": 75100, "volume": 12129682}]}}, the
 * time in Korean local time and the volume cumulative for the day.
 */
public record TicksRequest(
        @JsonProperty("ticks") @NotNull(message = "must list at least one tick")
        @Size(min = 1, max = TicksRequest.MAX_TICKS, message = "must list 1 to " + TicksRequest.MAX_TICKS + " ticks")
        List<@Valid @NotNull(message = "must be a tick, not null") Tick> ticks) {

    /** Ticks one request may carry: a second of the whole market's trades, many times over. */
    static final int MAX_TICKS = 10_000;

    public record Tick(
            @JsonProperty("ticker") @NotNull(message = "is required")
            @Pattern(regexp = "[0-9A-Z]{6}", message = "must be a six-character KRX code such as 005930") String ticker,
            @JsonProperty("time") @NotNull(message = "is required") LocalDateTime time,
            @JsonProperty("price") @NotNull(message = "is required") @Positive(message = "must be a positive price in KRW") Long price,
            @JsonProperty("volume") @NotNull(message = "is required") @PositiveOrZero(message = "must be 0 or more shares") Long volume) {
    }
}
