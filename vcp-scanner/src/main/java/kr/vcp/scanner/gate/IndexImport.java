package kr.vcp.scanner.gate;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketStateChanged;
import kr.vcp.model.Topics;
import kr.vcp.scanner.analysis.MarketBreadth;
import kr.vcp.scanner.marketdata.IndexBar;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.marketdata.MarketDataService;
import kr.vcp.scanner.marketdata.Parsed;
import kr.vcp.scanner.outbox.OutboxRelay;
import kr.vcp.scanner.outbox.OutboxRepository;

/**
 * A KOSPI or KOSDAQ index export imported: its levels stored, and in the same transaction the index's latest close
 * queued as {@code index_update} for {@code market:kospi} / {@code market:kosdaq}, and the market gate with it.
 */
@ApplicationScoped
public class IndexImport {

    /** KRX's index codes as the dashboard reads them. */
    private static final Map<Market, String> CODES = Map.of(Market.KOSPI, "001", Market.KOSDAQ, "201");
    private static final LocalTime CLOSE = LocalTime.of(15, 30);

    private final AgroalDataSource dataSource;
    private final MarketGateService gates;
    private final OutboxRelay relay;
    private final Vertx vertx;

    public IndexImport(AgroalDataSource dataSource, MarketGateService gates, OutboxRelay relay, Vertx vertx) {
        this.dataSource = dataSource;
        this.gates = gates;
        this.relay = relay;
        this.vertx = vertx;
    }

    public Uni<MarketDataService.ImportSummary> importIndex(Market market, String csv) {
        String source = market.name() + ".csv";
        return Uni.createFrom().item(() -> MarketDataFiles.parseIndexBars(source, csv))
                // Without stocks there is no gate to judge: the index is imported all the same.
                .chain(parsed -> gates.breadth().onFailure().recoverWithNull()
                        // JDBC, as every market-data write: blocking, on a worker thread.
                        .chain(breadth -> vertx.executeBlocking(Uni.createFrom().item(() -> write(market, parsed, breadth))))
                        .invoke(summary -> {
                            if (summary.changed() > 0) {
                                relay.wake();
                            }
                        }));
    }

    private MarketDataService.ImportSummary write(Market market, Parsed<IndexBar> parsed, MarketBreadth.Gate breadth) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                int changed = IndexRepository.upsert(conn, market, parsed.rows());
                if (changed > 0) {
                    List<OutboxRepository.Event> events = new ArrayList<>();
                    double[] closes = IndexRepository.closes(conn, market, null);
                    MarketBreadth.IndexTrend latest = MarketBreadth.IndexTrend.of(closes);
                    LocalDate day = IndexRepository.latestDay(conn, market);
                    var updated = new MarketStateChanged.IndexUpdated(MarketStateChanged.SCHEMA_VERSION, CODES.get(market),
                            market.name(), latest.close(), latest.change(), latest.changePct(),
                            parsed.rows().stream().filter(b -> b.date().equals(day)).mapToLong(IndexBar::volume).findFirst()
                                    .orElse(0), day.atTime(CLOSE));
                    events.add(new OutboxRepository.Event(UUID.randomUUID(), Topics.KAFKA_MARKET, updated.wsTopic(),
                            Json.write(updated)));
                    if (breadth != null) {
                        events.add(MarketGateService.event(breadth.withIndices(IndexRepository.trends(conn, breadth.day()))));
                    }
                    OutboxRepository.append(conn, events);
                }
                conn.commit();
                Log.infof("Index %s: %d levels, %d changed, %d lines skipped", market, parsed.rows().size(), changed,
                        parsed.skipped().size());
                return new MarketDataService.ImportSummary(market.name() + ".csv", parsed.rows().size(), changed,
                        parsed.skipped().subList(0, Math.min(MarketDataService.REPORTED_LINES, parsed.skipped().size())), parsed.skipped().size());
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("index import failed: " + e.getMessage(), e);
        }
    }
}
