package kr.vcp.scanner.track;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import kr.vcp.model.Grade;
import kr.vcp.model.SignalType;

/** The track record as the dashboard reads it (contract.md: a stock's signal history, and the backtest KPI). */
public final class TrackViews {

    private TrackViews() {
    }

    /**
     * {@code GET /stocks/{ticker}/signals}. {@code open_signals} counts signals still waiting for their entry or held;
     * {@code closed_signals} those sold or expired; {@code avg_return_pct} and {@code win_rate} (percent) are over
     * the sold ones, null before the first.
     */
    public record History(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("total_signals") int totalSignals,
            @JsonProperty("open_signals") int openSignals,
            @JsonProperty("closed_signals") int closedSignals,
            @JsonProperty("avg_return_pct") Double avgReturnPct,
            @JsonProperty("win_rate") Double winRate,
            @JsonProperty("signals") List<Followed> signals) {
    }

    /**
     * One stored signal followed on the bars after its day. {@code status} is the dashboard's two states: OPEN while
     * {@code state} is PENDING or OPEN, CLOSED once CLOSED or EXPIRED. {@code entry_price} is the fill once triggered,
     * the planned entry before; {@code exit_reason} is stop, target, time or expired.
     */
    public record Followed(
            @JsonProperty("id") long id,
            @JsonProperty("ticker") String ticker,
            @JsonProperty("signal_type") SignalType signalType,
            @JsonProperty("signal_date") LocalDate signalDate,
            @JsonProperty("status") String status,
            @JsonProperty("state") String state,
            @JsonProperty("score") int score,
            @JsonProperty("grade") Grade grade,
            @JsonProperty("entry_price") long entryPrice,
            @JsonProperty("stop_loss") long stopLoss,
            @JsonProperty("target_price") long targetPrice,
            @JsonProperty("exit_price") Long exitPrice,
            @JsonProperty("entry_time") LocalDate entryTime,
            @JsonProperty("exit_time") LocalDate exitTime,
            @JsonProperty("return_pct") Double returnPct,
            @JsonProperty("return_r") Double returnR,
            @JsonProperty("exit_reason") String exitReason) {
    }

    /** {@code GET /backtest-kpi}: the VCP signals' record, and the closing-bet strategy this system does not run. */
    public record Kpi(@JsonProperty("vcp") Strategy vcp, @JsonProperty("closing_bet") Strategy closingBet) {
    }

    /**
     * {@code status}: OK with enough closed trades, Accumulating with fewer, No Data with none. {@code win_rate} and
     * {@code avg_return} in percent; {@code profit_factor} is gross gains over gross losses (null without losses).
     */
    public record Strategy(
            @JsonProperty("strategy") String strategy,
            @JsonProperty("status") String status,
            @JsonProperty("count") int count,
            @JsonProperty("win_rate") Double winRate,
            @JsonProperty("avg_return") Double avgReturn,
            @JsonProperty("profit_factor") Double profitFactor,
            @JsonProperty("message") String message) {
    }
}
