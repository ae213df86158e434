package kr.vcp.scanner.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import kr.vcp.model.Signal;

/** What {@code POST /scan} answers: the scan, its counts and the stored signals, best first, in the contract's shape. */
public record ScanResponse(
        @JsonProperty("scan_id") UUID scanId,
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("status") ScanStatus status,
        @JsonProperty("market") String market,
        @JsonProperty("top_n") int topN,
        @JsonProperty("min_score") int minScore,
        @JsonProperty("as_of") LocalDate asOf,
        @JsonProperty("signal_date") LocalDate signalDate,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("market_gate") Gate marketGate,
        @JsonProperty("signals") List<Signal> signals) {

    /**
     * @param universe stocks of the market(s) with bars
     * @param analysed common stocks with enough history up to the signal date
     * @param signals  signals stored
     */
    public record Counts(
            @JsonProperty("universe") int universe,
            @JsonProperty("analysed") int analysed,
            @JsonProperty("signals") int signals) {
    }

    /** The market gate the scan was taken under (see GET /market-gate). */
    public record Gate(@JsonProperty("status") String status, @JsonProperty("level") int level) {
    }

    static ScanResponse of(ScanService.ScanOutcome outcome) {
        var scan = outcome.scan();
        return new ScanResponse(scan.id, outcome.event().eventId(), scan.status, scan.market, scan.topN, scan.minScore,
                scan.asOf, scan.signalDate, new Counts(scan.universeCount, scan.analysedCount, scan.signalCount),
                Duration.between(scan.startedAt, scan.finishedAt).toMillis(), scan.startedAt, scan.finishedAt,
                new Gate(outcome.gate().status(), outcome.gate().level()), outcome.ranked());
    }
}
