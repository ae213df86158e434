package kr.vcp.scanner.price;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.ServerMessage;

/** {@code GET /prices}: each stock's latest price by ticker, as the dashboard's price polling reads it. */
public record LatestPrices(@JsonProperty("prices") Map<String, Price> prices) {

    /** One stock's latest price: {@code change} in KRW and {@code change_rate} in percent against the previous close. */
    public record Price(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("price") long price,
            @JsonProperty("change") long change,
            @JsonProperty("change_rate") double changeRate,
            @JsonProperty("volume") long volume,
            @JsonProperty("timestamp") @JsonFormat(pattern = ServerMessage.MICROS) LocalDateTime timestamp) {

        static Price of(PriceTicked t) {
            return new Price(t.ticker(), t.price(), t.change(), t.changeRate(), t.volume(), t.tradedAt());
        }
    }

    static LatestPrices of(Map<String, PriceTicked> latest) {
        Map<String, Price> prices = new LinkedHashMap<>();
        latest.forEach((ticker, tick) -> prices.put(ticker, Price.of(tick)));
        return new LatestPrices(prices);
    }
}
