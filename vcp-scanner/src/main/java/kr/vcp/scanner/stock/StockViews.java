package kr.vcp.scanner.stock;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import kr.vcp.model.Market;

/** What the dashboard's stock pages read (contract.md, "The whole dashboard"): one record per path. */
public final class StockViews {

    /** Times of day in answers: Korean local time to the second, as a signal's {@code created_at}. */
    static final String TIME = "yyyy-MM-dd'T'HH:mm:ss";

    private StockViews() {
    }

    /** {@code GET /stocks/{ticker}}: {@code sector} is null until a sector master is imported. */
    public record Detail(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("name") String name,
            @JsonProperty("market") Market market,
            @JsonProperty("sector") String sector,
            @JsonProperty("current_price") Long currentPrice,
            @JsonProperty("price_change") Long priceChange,
            @JsonProperty("price_change_pct") Double priceChangePct,
            @JsonProperty("volume") Long volume,
            @JsonProperty("updated_at") @JsonFormat(pattern = TIME) LocalDateTime updatedAt) {
    }

    /** {@code GET /stocks/{ticker}/chart}: daily bars, oldest first. */
    public record Chart(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("period") String period,
            @JsonProperty("data") List<AnalysisResponse.Bar> data,
            @JsonProperty("total_points") int totalPoints) {
    }

    /**
     * {@code GET /stocks/{ticker}/flow}: net buying by day, oldest first. The amounts are what was imported (KRW);
     * the share counts are estimated from them at the day's close (pykrx's value export has no share counts).
     * {@code supply_demand_score} is 50 + 50 × (foreign + institutional net) / (|foreign| + |institutional|): 100 when
     * both bought, 0 when both sold; {@code smartmoney_score} is the same over the whole period (null without flows).
     */
    public record Flow(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("period_days") int periodDays,
            @JsonProperty("data") List<FlowDay> data,
            @JsonProperty("smartmoney_score") Double smartMoneyScore,
            @JsonProperty("total_points") int totalPoints) {
    }

    public record FlowDay(
            @JsonProperty("date") LocalDate date,
            @JsonProperty("foreign_net") Long foreignNet,
            @JsonProperty("inst_net") Long instNet,
            @JsonProperty("foreign_net_amount") long foreignNetAmount,
            @JsonProperty("inst_net_amount") long instNetAmount,
            @JsonProperty("supply_demand_score") double supplyDemandScore) {
    }

    /** 50 + 50 × net / gross, to one decimal: see {@link Flow}. */
    static double score(long net, long gross) {
        return gross == 0 ? 50 : Math.round(500 + 500.0 * net / gross) / 10.0;
    }
}
