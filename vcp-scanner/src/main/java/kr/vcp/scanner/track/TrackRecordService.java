package kr.vcp.scanner.track;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.analysis.TradeFollower;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.HeldStock;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.scan.SignalEntity;
import kr.vcp.scanner.scan.SignalRepository;
import kr.vcp.scanner.stock.UnknownTickerException;

/**
 * Every stored signal followed on the held bars after its day (see {@link TradeFollower}): worked out on each read
 * from the bars, so it advances with every import and a re-import of the same bars changes nothing.
 */
@ApplicationScoped
public class TrackRecordService {

    private final SignalRepository signals;
    private final HeldMarket market;
    private final TradeFollower follower;
    private final ScannerConfig.Track config;

    public TrackRecordService(SignalRepository signals, HeldMarket market, TradeFollower follower, ScannerConfig config) {
        this.signals = signals;
        this.market = market;
        this.follower = follower;
        this.config = config.track();
    }

    /** {@code ticker}'s signals, newest first, {@code limit} of them listed and all of them counted. */
    public Uni<TrackViews.History> history(String ticker, int limit) {
        return market.current().chain(held -> {
            HeldStock stock = held.stock(ticker).orElseThrow(() -> new UnknownTickerException(
                    "no listing " + ticker + " is stored"));
            return Panache.withSession(() -> signals.ofTicker(ticker, Integer.MAX_VALUE)).map(rows -> {
                List<TrackViews.Followed> all = rows.stream().map(r -> followed(r, stock.bars())).toList();
                List<TrackViews.Followed> sold = all.stream().filter(f -> f.returnPct() != null).toList();
                int open = (int) all.stream().filter(f -> f.status().equals("OPEN")).count();
                return new TrackViews.History(ticker, all.size(), open, all.size() - open,
                        sold.isEmpty() ? null : round(sold.stream().mapToDouble(TrackViews.Followed::returnPct).average().orElseThrow()),
                        sold.isEmpty() ? null : round(100.0 * sold.stream().filter(f -> f.returnPct() > 0).count() / sold.size()),
                        all.subList(0, Math.min(limit, all.size())));
            });
        });
    }

    /** The record of every stored signal, as the dashboard's KPI card shows it. */
    public Uni<TrackViews.Kpi> kpi() {
        return market.current().chain(held -> Panache.withSession(() -> signals.listAll()).map(rows -> {
            List<Double> returns = rows.stream().map(r -> trade(r, held))
                    .filter(t -> t.state() == TradeFollower.State.CLOSED).map(TradeFollower.Trade::returnPct).toList();
            return new TrackViews.Kpi(strategy(returns), new TrackViews.Strategy("closing_bet", "No Data", 0, null,
                    null, null, "종가 베팅 전략은 이 시스템에서 운용하지 않습니다"));
        }));
    }

    private TrackViews.Strategy strategy(List<Double> returns) {
        if (returns.isEmpty()) {
            return new TrackViews.Strategy("VCP", "No Data", 0, null, null, null, "청산된 VCP 신호가 아직 없습니다");
        }
        double gains = returns.stream().filter(r -> r > 0).mapToDouble(Double::doubleValue).sum();
        double losses = -returns.stream().filter(r -> r < 0).mapToDouble(Double::doubleValue).sum();
        double winRate = round(100.0 * returns.stream().filter(r -> r > 0).count() / returns.size());
        double avg = round(returns.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        boolean enough = returns.size() >= config.minTradesForKpi();
        return new TrackViews.Strategy("VCP", enough ? "OK" : "Accumulating", returns.size(), winRate, avg,
                losses == 0 ? null : round(gains / losses),
                String.format(Locale.ROOT, "청산 %d건: 승률 %.1f%%, 평균 %.2f%%%s", returns.size(), winRate, avg,
                        enough ? "" : " (" + config.minTradesForKpi() + "건 이상부터 OK)"));
    }

    private TradeFollower.Trade trade(SignalEntity s, MarketSnapshot held) {
        PriceSeries bars = held.stock(s.ticker).map(HeldStock::bars).orElse(null);
        return bars == null ? TradeFollower.Trade.PENDING : follower.follow(s.signalDate, s.entryPrice, s.stopLoss, s.targetPrice, bars);
    }

    private TrackViews.Followed followed(SignalEntity s, PriceSeries bars) {
        TradeFollower.Trade t = follower.follow(s.signalDate, s.entryPrice, s.stopLoss, s.targetPrice, bars);
        boolean open = t.state() == TradeFollower.State.PENDING || t.state() == TradeFollower.State.OPEN;
        String reason = t.exit() != null ? t.exit().name().toLowerCase(Locale.ROOT)
                : t.state() == TradeFollower.State.EXPIRED ? "expired" : null;
        return new TrackViews.Followed(s.id, s.ticker, s.signalType, s.signalDate, open ? "OPEN" : "CLOSED",
                t.state().name(), s.score, s.grade, t.entryPrice() != null ? t.entryPrice() : s.entryPrice, s.stopLoss,
                s.targetPrice, t.exitPrice(), t.entryDate(), t.exitDate(), t.returnPct(), t.returnR(), reason);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
