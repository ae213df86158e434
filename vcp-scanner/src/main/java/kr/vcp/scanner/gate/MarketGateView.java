package kr.vcp.scanner.gate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.MarketBreadth;

/**
 * {@code GET /market-gate} as the dashboard reads it. The index fields are null until KOSPI / KOSDAQ index levels are
 * imported, and {@code sectors} empty until a sector master can be; {@code as_of} and {@code breadth} are what the level was
 * judged on.
 */
public record MarketGateView(
        @JsonProperty("status") String status,
        @JsonProperty("level") int level,
        @JsonProperty("kospi_status") String kospiStatus,
        @JsonProperty("kosdaq_status") String kosdaqStatus,
        @JsonProperty("kospi_close") Double kospiClose,
        @JsonProperty("kospi_change_pct") Double kospiChangePct,
        @JsonProperty("kosdaq_close") Double kosdaqClose,
        @JsonProperty("kosdaq_change_pct") Double kosdaqChangePct,
        @JsonProperty("sectors") List<Sector> sectors,
        @JsonProperty("updated_at") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime updatedAt,
        @JsonProperty("as_of") LocalDate asOf,
        @JsonProperty("breadth") Map<Market, Breadth> breadth) {

    public record Sector(@JsonProperty("name") String name, @JsonProperty("signal") String signal,
            @JsonProperty("change_pct") Double changePct, @JsonProperty("score") Double score) {
    }

    /** One market's reading: shares of its stocks in 0..1. */
    public record Breadth(
            @JsonProperty("status") String status,
            @JsonProperty("level") int level,
            @JsonProperty("stocks") int stocks,
            @JsonProperty("above_50d") double above50,
            @JsonProperty("above_200d") double above200,
            @JsonProperty("new_highs") int newHighs,
            @JsonProperty("new_lows") int newLows,
            @JsonProperty("trend_template") double templateShare) {
    }

    static MarketGateView of(MarketBreadth.Gate gate, LocalDateTime updatedAt) {
        Map<Market, Breadth> breadth = new java.util.EnumMap<>(Market.class);
        gate.markets().forEach((m, r) -> breadth.put(m, new Breadth(r.status(), r.level(), r.stocks(), r.above50(),
                r.above200(), r.newHighs(), r.newLows(), r.templateShare())));
        MarketBreadth.IndexTrend kospi = gate.indices().get(Market.KOSPI);
        MarketBreadth.IndexTrend kosdaq = gate.indices().get(Market.KOSDAQ);
        return new MarketGateView(gate.status(), gate.level(), status(gate, Market.KOSPI), status(gate, Market.KOSDAQ),
                kospi == null ? null : kospi.close(), kospi == null ? null : kospi.changePct(),
                kosdaq == null ? null : kosdaq.close(), kosdaq == null ? null : kosdaq.changePct(), List.of(), updatedAt,
                gate.day(), breadth);
    }

    private static String status(MarketBreadth.Gate gate, Market market) {
        MarketBreadth.Reading r = gate.markets().get(market);
        return r == null ? null : r.status();
    }
}
