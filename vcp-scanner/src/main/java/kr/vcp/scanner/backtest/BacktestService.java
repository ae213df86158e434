package kr.vcp.scanner.backtest;

import kr.vcp.scanner.db.Leases;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketScope;
import kr.vcp.model.Signal;
import kr.vcp.scanner.analysis.Evaluation;
import kr.vcp.scanner.analysis.TradeFollower;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.config.EngineProducer;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.errors.InvalidRequestException;
import kr.vcp.scanner.errors.RequestValidation;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.MarketDay;
import kr.vcp.scanner.marketdata.MarketSnapshot;

/**
 * Walk-forward backtests: the engine run as of every trading day of a range with only what was known that day (the
 * day's universe, RS and averages from bars up to it, as a scan as of that day), each day's signals taken as the scan
 * takes them and traded by the track record's rules on the bars after. Started in the background, stored with their
 * request, read back with their progress while they run.
 */
@ApplicationScoped
public class BacktestService {

    /** When a scan of a day runs: the daily schedule's time, after the close. */
    private static final LocalTime SCANNED_AT = LocalTime.of(15, 40);

    /** What {@code POST /backtest} answers: where to read the run. */
    public record Started(@com.fasterxml.jackson.annotation.JsonProperty("backtest_id") UUID id,
            @com.fasterxml.jackson.annotation.JsonProperty("status") String status,
            @com.fasterxml.jackson.annotation.JsonProperty("days") int days) {
    }

    private final HeldMarket market;
    private final BacktestRepository backtests;
    private final RequestValidation validation;
    private final Leases leases;
    private final ScannerConfig config;
    private final Vertx vertx;
    /** Days done of the runs of this replica, by id. */
    private final Map<UUID, AtomicInteger> running = new ConcurrentHashMap<>();

    public BacktestService(HeldMarket market, BacktestRepository backtests, RequestValidation validation,
            Leases leases, ScannerConfig config, Vertx vertx) {
        this.market = market;
        this.leases = leases;
        this.backtests = backtests;
        this.validation = validation;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<Started> start(BacktestRequest request) {
        return Uni.createFrom().item(() -> checked(request)).chain(r -> market.current().chain(held -> {
            Set<Market> markets = scope(r).markets();
            List<LocalDate> days = held.tradingDays(markets, r.from(), r.to());
            if (days.isEmpty()) {
                throw invalid("from", "no trading day is stored from " + r.from() + " to " + r.to());
            }
            UUID id = UUID.randomUUID();
            return backtests.started(id, Json.write(r), days.size(), Instant.now(), Leases.REPLICA, leases.until())
                    .invoke(() -> launch(id, held, days, r))
                    .map(done -> new Started(id, "RUNNING", days.size()));
        }));
    }

    /** Percent of the days done, while this replica runs {@code id}; null otherwise. */
    Integer progress(UUID id, int days) {
        AtomicInteger done = running.get(id);
        return done == null || days == 0 ? null : done.get() * 100 / days;
    }

    private void launch(UUID id, MarketSnapshot held, List<LocalDate> days, BacktestRequest request) {
        AtomicInteger done = new AtomicInteger();
        running.put(id, done);
        leases.holdBacktest(id);
        long started = System.nanoTime();
        // A day's evaluation is CPU work on every core: the walk runs on a worker thread.
        vertx.executeBlocking(Uni.createFrom().item(() -> walk(held, days, request, done)))
                .chain(report -> backtests.succeeded(id, Json.write(report)).invoke(() -> Log.infof(
                        "Backtest %s: %d days, %d trades, %d sold, in %d ms", id, days.size(), report.figures().trades(),
                        report.figures().closed(), (System.nanoTime() - started) / 1_000_000)))
                .onFailure().call(e -> {
                    Log.warnf(e, "Backtest %s failed", id);
                    return backtests.failed(id, String.valueOf(e.getMessage()));
                })
                .onTermination().invoke(() -> {
                    running.remove(id);
                    leases.releaseBacktest(id);
                })
                .subscribe().with(ok -> { }, e -> Log.errorf("Backtest %s not stored: %s", id, e.getMessage()));
    }

    /** The walk itself: every day's scan on the snapshot held when the run started, and each signal traded. */
    public BacktestReport walk(MarketSnapshot held, List<LocalDate> days, BacktestRequest request, AtomicInteger done) {
        Map<String, Double> overrides = request.parameters() == null ? Map.of() : request.parameters();
        VcpEngine engine = EngineProducer.engine(config, overrides);
        TradeFollower follower = EngineProducer.follower(config, overrides);
        Set<Market> markets = scope(request).markets();
        int minScore = request.minScore() == null ? config.scan().defaultMinScore() : request.minScore();
        int topN = request.topN() == null ? config.scan().defaultTopN() : request.topN();
        List<BacktestReport.Trade> trades = new ArrayList<>();
        for (LocalDate day : days) {
            // Not the held market's kept days: a walk through history would push today's out.
            MarketDay universe = held.dayUnkept(day, config.scan().lookbackDays());
            VcpEngine.Evaluated evaluated = engine.evaluate(universe.universe(), engine.rate(universe.universe()));
            for (VcpEngine.Candidate c : engine.select(evaluated, markets, minScore, topN, day.atTime(SCANNED_AT))
                    .candidates()) {
                Signal s = c.signal();
                TradeFollower.Trade t = follower.follow(day, s.entryPrice(), s.stopLoss(), s.targetPrice(),
                        held.stock(s.ticker()).orElseThrow().bars());
                trades.add(new BacktestReport.Trade(day, s.ticker(), s.name(), c.market().name(), s.score(),
                        s.grade().name(), parts(c.score()), s.entryPrice(), s.stopLoss(), s.targetPrice(), t.state(),
                        t.exit(), t.entryDate(), t.entryPrice(), t.exitDate(), t.exitPrice(), t.returnPct(), t.returnR()));
            }
            done.incrementAndGet();
        }
        trades.sort(BacktestReport.ORDER);
        return BacktestReport.of(days.size(), trades);
    }

    private static Map<String, Double> parts(Evaluation.Score score) {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("trend", score.trend());
        parts.put("contraction", score.contraction());
        parts.put("volume", score.volume());
        parts.put("rs", score.rs());
        parts.put("pivot", score.pivot());
        parts.put("flows", score.flows());
        return parts;
    }

    private BacktestRequest checked(BacktestRequest request) {
        validation.check(request);
        List<ApiError.Violation> faults = new ArrayList<>();
        if (request.from().isAfter(request.to())) {
            faults.add(new ApiError.Violation("from", "must not be after to (" + request.to() + "); was " + request.from()));
        }
        if (request.parameters() != null) {
            request.parameters().forEach((name, value) -> {
                if (!EngineProducer.OVERRIDABLE.contains(name)) {
                    faults.add(new ApiError.Violation("parameters." + name, "is not a parameter a backtest may"
                            + " override; those are " + String.join(", ", new java.util.TreeSet<>(EngineProducer.OVERRIDABLE))));
                } else if (value == null || value.isNaN() || value.isInfinite() || value < 0) {
                    faults.add(new ApiError.Violation("parameters." + name, "must be a number of 0 or more; was " + value));
                }
            });
        }
        if (!faults.isEmpty()) {
            throw new InvalidRequestException("invalid_request", faults);
        }
        return request;
    }

    private static MarketScope scope(BacktestRequest request) {
        return MarketScope.of(request.market());
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid_request", List.of(new ApiError.Violation(field, message)));
    }
}
