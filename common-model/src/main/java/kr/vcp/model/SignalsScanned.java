package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The event the scanner emits to {@link Topics#KAFKA_SIGNALS} once per finished scan.
 *
 * @param eventId       unique per event; consumers use it to drop a redelivered event
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; a consumer rejects versions it does not know
 * @param scanId        the scan that produced it (the scanner's {@code scans.id})
 * @param market        the scope that was scanned: {@code KOSPI}, {@code KOSDAQ} or {@code ALL}
 * @param signalDate    the trading day the signals are for
 * @param producedAt    when the scan finished
 * @param results       one entry per market covered by the scope, each the complete list for that market
 */
public record SignalsScanned(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("scan_id") UUID scanId,
        @JsonProperty("market") String market,
        @JsonProperty("signal_date") LocalDate signalDate,
        @JsonProperty("produced_at") Instant producedAt,
        @JsonProperty("results") List<MarketSignals> results) {

    public static final int SCHEMA_VERSION = 1;

    public SignalsScanned {
        results = List.copyOf(results);
    }

    /** Every signal of the event, market by market. */
    @JsonIgnore
    public List<Signal> signals() {
        return results.stream().flatMap(r -> r.signals().stream()).toList();
    }
}
