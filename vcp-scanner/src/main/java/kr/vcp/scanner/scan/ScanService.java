package kr.vcp.scanner.scan;

import kr.vcp.scanner.db.Leases;
import kr.vcp.scanner.errors.NoMarketDataException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.outbox.OutboxRelay;
import kr.vcp.scanner.analysis.MarketBreadth;
import kr.vcp.scanner.gate.MarketGateService;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.MarketDay;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.outbox.OutboxRepository;

/**
 * Runs a scan: read the market, analyse it, then store the signals and their event in one transaction. The outbox
 * relay publishes the event after the commit, so a scan succeeds while Kafka is down and its event follows later.
 */
@ApplicationScoped
public class ScanService {

    /** A finished scan, its signals best first, the event that announces it, and the market gate it was taken under. */
    public record ScanOutcome(ScanEntity scan, List<Signal> ranked, SignalsScanned event, MarketBreadth.Gate gate) {
    }

    /** What the analysis found, and under which gate. */
    private record Analysed(VcpEngine.Result result, MarketBreadth.Gate gate) {
    }

    private final HeldMarket market;
    private final ScanRepository scans;
    private final SignalRepository signals;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final VcpEngine engine;
    private final MarketGateService gates;
    private final Leases leases;
    private final ScannerConfig config;
    private final Vertx vertx;

    public ScanService(HeldMarket market, ScanRepository scans, SignalRepository signals, OutboxRepository outbox,
            OutboxRelay relay, VcpEngine engine, MarketGateService gates, Leases leases, ScannerConfig config,
            Vertx vertx) {
        this.market = market;
        this.scans = scans;
        this.signals = signals;
        this.outbox = outbox;
        this.relay = relay;
        this.engine = engine;
        this.gates = gates;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<ScanOutcome> scan(ScanCommand command, ScanTrigger trigger) {
        ScanEntity scan = started(command, trigger);
        LocalDateTime createdAt = LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.SECONDS);
        long[] phases = new long[4]; // nanoTime at start, bars read, analysed, stored: for the operator's log line
        phases[0] = System.nanoTime();
        // Refused for want of data before anything is stored; then started, unless a scan of its markets runs.
        return market.current()
                .map(held -> {
                    phases[1] = System.nanoTime();
                    return new Judged(held, day(held, command));
                })
                .chain(judged -> Panache.withTransaction(() -> scans.startUnlessOverlapping(scan, scan.startedAt))
                        .invoke(running -> running.ifPresent(other -> {
                            throw new ScanConflictException("a scan of " + other.market + " is already running (scan "
                                    + other.id + ", started " + other.startedAt + "); try again when it has finished");
                        }))
                        .invoke(() -> leases.holdScan(scan.id))
                        .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> analyse(judged, command, createdAt)))
                                // The analysis is CPU-bound: it runs on a worker thread and its result comes back here.
                                .invoke(() -> phases[2] = System.nanoTime())
                                .chain(result -> store(scan.id, command, result))
                                .invoke(outcome -> {
                                    phases[3] = System.nanoTime();
                                    Log.infof("Scan %s (%s, %s, %d stocks): market read in %d ms, analysed in %d ms, %d"
                                            + " signals stored with event %s in %d ms", scan.id, trigger, command.scope(),
                                            outcome.scan().universeCount, (phases[1] - phases[0]) / 1_000_000,
                                            (phases[2] - phases[1]) / 1_000_000, outcome.scan().signalCount,
                                            outcome.event().eventId(), (phases[3] - phases[2]) / 1_000_000);
                                })
                                .onFailure().call(e -> failed(scan.id, e))
                                .eventually(() -> leases.releaseScan(scan.id))));
    }

    /** The market a scan reads, and the trading day it judges. */
    private record Judged(MarketSnapshot held, LocalDate day) {
    }

    /** The trading day a scan judges: the newest of its markets, on or before its as-of day; refused when none. */
    private static LocalDate day(MarketSnapshot held, ScanCommand command) {
        LocalDate day = held.latestDay(command.scope().markets(), command.asOf());
        if (day == null) {
            throw new NoMarketDataException("no bars are stored for " + command.scope()
                    + (command.asOf() == null ? "" : " on or before " + command.asOf()) + ": import market data first");
        }
        return day;
    }

    /**
     * Relative strength ranks against both markets, whatever the scope; the day's stocks are evaluated once per
     * market state, and each scan selects its scope and cut-off from that. Blocking: CPU, and the gate's index levels.
     */
    private Analysed analyse(Judged judged, ScanCommand command, LocalDateTime createdAt) {
        MarketDay universe = judged.held().day(judged.day(), config.scan().lookbackDays());
        return new Analysed(engine.select(universe.evaluated(engine), command.scope().markets(), command.minScore(),
                command.minGrade(), command.topN(), createdAt), gates.gate(judged.held(), judged.day()));
    }

    private ScanEntity started(ScanCommand command, ScanTrigger trigger) {
        ScanEntity scan = new ScanEntity();
        scan.id = UUID.randomUUID();
        scan.trigger = trigger;
        scan.market = command.scope().name();
        scan.topN = command.topN();
        scan.minScore = command.minScore();
        scan.asOf = command.asOf();
        scan.status = ScanStatus.RUNNING;
        scan.startedAt = Instant.now();
        scan.owner = Leases.REPLICA;
        scan.leaseUntil = leases.until();
        return scan;
    }

    /** One transaction: the day's signals of the scanned markets are replaced, the scan done, the event queued. */
    private Uni<ScanOutcome> store(UUID scanId, ScanCommand command, Analysed analysed) {
        VcpEngine.Result result = analysed.result();
        // Each signal says under which market gate it was taken.
        String gateReason = "시장 " + analysed.gate().status();
        List<Signal> ranked = result.candidates().stream().map(c -> c.signal().withReason(gateReason)).toList();
        List<MarketSignals> results = command.scope().markets().stream()
                .map(market -> new MarketSignals(market, ranked.stream()
                        .filter(s -> s.market() == market).toList()))
                .toList();
        List<SignalEntity> rows = results.stream()
                .flatMap(r -> r.signals().stream().map(s -> SignalEntity.of(scanId, result.signalDate(), r.market(), s)))
                .toList();
        Instant finishedAt = Instant.now();
        SignalsScanned event = new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, scanId,
                command.scope().name(), result.signalDate(), finishedAt, results);
        return Panache.withTransaction(() -> outbox.append(List.of(new OutboxRepository.Event(event.eventId(),
                                Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, Json.write(event)),
                        MarketGateService.event(analysed.gate())))
                .chain(() -> scans.findById(scanId))
                .call(() -> signals.replace(result.signalDate(), command.scope().markets(), rows))
                .invoke(scan -> {
                    scan.signalDate = result.signalDate();
                    scan.universeCount = result.universe();
                    scan.analysedCount = result.analysed();
                    scan.signalCount = rows.size();
                    scan.status = ScanStatus.SUCCEEDED;
                    scan.finishedAt = finishedAt;
                    scan.eventId = event.eventId();
                }))
                .invoke(relay::wake)
                .map(scan -> new ScanOutcome(scan, ranked, event, analysed.gate()));
    }

    private Uni<Void> failed(UUID scanId, Throwable error) {
        Log.warnf("Scan %s failed: %s", scanId, error.getMessage());
        return Panache.withTransaction(() -> scans.update("status = ?1, error = ?2, finishedAt = ?3 where id = ?4",
                ScanStatus.FAILED, String.valueOf(error.getMessage()), Instant.now(), scanId)).replaceWithVoid();
    }
}
