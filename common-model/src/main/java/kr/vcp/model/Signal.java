package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One signal exactly as the dashboard reads it (contract.md): snake_case names, prices and size as integers,
 * {@code created_at} in Korean local time to the second. The first eleven fields are the VCP push's; the rest are
 * what the dashboard's VCP page reads besides (contract.md, "The whole dashboard"). Those are null in events written
 * before they existed, and {@code foreign_5d} / {@code inst_5d} are null where no investor flows were imported.
 *
 * @param market           the market the stock is listed on
 * @param signalDate       the trading day whose close the signal was judged on
 * @param currentPrice     the close on {@code signalDate}, KRW
 * @param contractionRatio last contraction's depth over the first's, two decimals (the page shows ≤ 0.6 green)
 * @param foreign5d        foreigners' net buying over the last 5 trading days, KRW
 * @param inst5d           institutions' net buying over the last 5 trading days, KRW
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
        @JsonProperty("created_at") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime createdAt,
        @JsonProperty("market") Market market,
        @JsonProperty("signal_date") LocalDate signalDate,
        @JsonProperty("current_price") Long currentPrice,
        @JsonProperty("contraction_ratio") Double contractionRatio,
        @JsonProperty("foreign_5d") Long foreign5d,
        @JsonProperty("inst_5d") Long inst5d) {

    public Signal {
        reasons = List.copyOf(reasons);
    }

    /** A signal with only the VCP push's fields (contract.md, first part); the dashboard's extra ones null. */
    public Signal(String ticker, String name, SignalType signalType, int score, Grade grade, long entryPrice,
            long targetPrice, long stopLoss, long positionSize, List<String> reasons, LocalDateTime createdAt) {
        this(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize, reasons, createdAt,
                null, null, null, null, null, null);
    }

    /** This signal as made at {@code time}. */
    public Signal madeAt(LocalDateTime time) {
        return new Signal(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize,
                reasons, time, market, signalDate, currentPrice, contractionRatio, foreign5d, inst5d);
    }

    /** This signal with {@code reason} after its reasons. */
    public Signal withReason(String reason) {
        List<String> more = new java.util.ArrayList<>(reasons);
        more.add(reason);
        return new Signal(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize,
                more, createdAt, market, signalDate, currentPrice, contractionRatio, foreign5d, inst5d);
    }

    /** This signal priced at {@code price}, the latest known. */
    public Signal pricedAt(long price) {
        return new Signal(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize,
                reasons, createdAt, market, signalDate, price, contractionRatio, foreign5d, inst5d);
    }
}
