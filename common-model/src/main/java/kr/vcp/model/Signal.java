package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One signal exactly as the dashboard reads it (contract.md): snake_case names, prices and size as integers,
 * {@code created_at} in Korean local time to the second.
 */
public record Signal(
        @JsonProperty("ticker") String ticker,
        @JsonProperty("name") String name,
        @JsonProperty("signal_type") SignalType signalType,
        @JsonProperty("score") int score,
        @JsonProperty("grade") Grade grade,
        @JsonProperty("entry_price") long entryPrice,
        @JsonProperty("target_price") long targetPrice,
        @JsonProperty("stop_loss") long stopLoss,
        @JsonProperty("position_size") long positionSize,
        @JsonProperty("reasons") List<String> reasons,
        @JsonProperty("created_at") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime createdAt) {

    public Signal {
        reasons = List.copyOf(reasons);
    }

    /** This signal as made at {@code time}. */
    public Signal madeAt(LocalDateTime time) {
        return new Signal(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize,
                reasons, time);
    }
}
