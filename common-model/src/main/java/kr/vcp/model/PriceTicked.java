package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/**
 * A stock traded at a price: the event on {@link Topics#KAFKA_PRICES}, keyed by ticker. The latest close after a bars
 * import, or an intraday tick from a broker feed.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; a consumer rejects versions it does not know
 * @param ticker        six-character KRX code
 * @param price         the last price, KRW
 * @param change        KRW against the previous close
 * @param changeRate    percent against the previous close
 * @param volume        shares traded that day so far
 * @param tradedAt      when, in Korean local time
 */
public record PriceTicked(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("ticker") String ticker,
        @JsonProperty("price") long price,
        @JsonProperty("change") long change,
        @JsonProperty("change_rate") double changeRate,
        @JsonProperty("volume") long volume,
        @JsonProperty("traded_at") @JsonFormat(pattern = ServerMessage.MICROS) LocalDateTime tradedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static PriceTicked of(String ticker, long price, long change, double changeRate, long volume,
            LocalDateTime tradedAt) {
        return new PriceTicked(SCHEMA_VERSION, ticker, price, change, changeRate, volume, tradedAt);
    }

    /** A trade at {@code price} against the close before its day: the change in KRW and in percent to two decimals. */
    public static PriceTicked against(long previousClose, String ticker, long price, long volume, LocalDateTime tradedAt) {
        long change = price - previousClose;
        double rate = previousClose == 0 ? 0 : Math.round(change * 10_000.0 / previousClose) / 100.0;
        return of(ticker, price, change, rate, volume, tradedAt);
    }
}
