package kr.vcp.scanner.price;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import kr.vcp.scanner.errors.InvalidRequestException;
import kr.vcp.scanner.errors.RequestValidation;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.HeldStock;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.outbox.OutboxRelay;
import kr.vcp.scanner.outbox.OutboxRepository;

/**
 * Stocks' prices: intraday ticks from a broker feed, validated, stored and published to the price topic; and the
 * latest price of a stock, the newer of its latest tick and its latest close.
 */
@ApplicationScoped
public class PriceService {

    /** KRX trades from the pre-market auction at 08:30 to the after-hours session's end at 18:00. */
    private static final LocalTime OPENS = LocalTime.of(8, 30);
    private static final LocalTime CLOSES = LocalTime.of(18, 0);

    /** What a batch of ticks did. */
    public record Accepted(@com.fasterxml.jackson.annotation.JsonProperty("accepted") int accepted,
            @com.fasterxml.jackson.annotation.JsonProperty("tickers") int tickers) {
    }

    private final HeldMarket market;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final RequestValidation validation;

    public PriceService(HeldMarket market, OutboxRepository outbox, OutboxRelay relay, RequestValidation validation) {
        this.market = market;
        this.outbox = outbox;
        this.relay = relay;
        this.validation = validation;
    }

    /** Every tick valid, or none taken: stored (the newest per stock) and queued for the price topic in one transaction. */
    public Uni<Accepted> accept(TicksRequest request) {
        return Uni.createFrom().item(() -> validation.check(request))
                .chain(valid -> market.current())
                .map(held -> priced(held, request.ticks(), LocalDateTime.now(Krx.ZONE)))
                .chain(ticks -> Panache.withTransaction(() -> store(ticks)
                                .chain(() -> outbox.append(ticks.stream().map(t -> new OutboxRepository.Event(
                                        UUID.randomUUID(), Topics.KAFKA_PRICES, t.ticker(), Json.write(t))).toList())))
                        .invoke(relay::wake)
                        .map(done -> new Accepted(ticks.size(), (int) ticks.stream().map(PriceTicked::ticker).distinct().count())));
    }

    /** The latest price of each of {@code tickers} that has one. */
    public Uni<Map<String, PriceTicked>> latest(MarketSnapshot held, Collection<String> tickers) {
        if (tickers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> PriceTickEntity.<PriceTickEntity>list("ticker in ?1", List.copyOf(tickers))).map(stored -> {
            Map<String, PriceTicked> ticks = new HashMap<>();
            stored.forEach(e -> ticks.put(e.ticker, e.toTick()));
            Map<String, PriceTicked> latest = new LinkedHashMap<>();
            for (String ticker : tickers) {
                PriceTicked close = held.stock(ticker).flatMap(HeldStock::lastClose).orElse(null);
                PriceTicked tick = ticks.get(ticker);
                PriceTicked newer = tick == null ? close
                        : close == null || tick.tradedAt().isAfter(close.tradedAt()) ? tick : close;
                if (newer != null) {
                    latest.put(ticker, newer);
                }
            }
            return latest;
        });
    }

    /** The ticks as events, each priced against the close before its day; refused with every tick at fault. */
    private static List<PriceTicked> priced(MarketSnapshot held, List<TicksRequest.Tick> ticks, LocalDateTime now) {
        List<ApiError.Violation> faults = new ArrayList<>();
        List<PriceTicked> priced = new ArrayList<>(ticks.size());
        for (int i = 0; i < ticks.size(); i++) {
            TicksRequest.Tick t = ticks.get(i);
            String at = "ticks[" + i + "]";
            HeldStock stock = held.stock(t.ticker()).orElse(null);
            if (stock == null) {
                faults.add(new ApiError.Violation(at + ".ticker", "unknown ticker " + t.ticker() + ": no listing is stored"));
                continue;
            }
            String when = fault(t.time(), stock, now);
            if (when != null) {
                faults.add(new ApiError.Violation(at + ".time", when + "; was " + t.time()));
                continue;
            }
            priced.add(PriceTicked.against(stock.closeBefore(t.time().toLocalDate()).orElse(t.price()), t.ticker(),
                    t.price(), t.volume(), t.time()));
        }
        if (!faults.isEmpty()) {
            throw new InvalidRequestException("invalid_ticks", faults);
        }
        return priced;
    }

    /** Why {@code time} is not a time {@code stock} can trade at; null when it is. */
    private static String fault(LocalDateTime time, HeldStock stock, LocalDateTime now) {
        if (time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return "must be on a trading day, not a " + time.getDayOfWeek();
        }
        if (time.toLocalTime().isBefore(OPENS) || time.toLocalTime().isAfter(CLOSES)) {
            return "must be within KRX's trading hours, 08:30 to 18:00 Korean time";
        }
        if (time.isAfter(now.plusMinutes(1))) {
            return "must not be in the future (now " + now.withNano(0) + " in Korea)";
        }
        if (stock.bars().size() > 0 && time.toLocalDate().isBefore(stock.bars().lastDate())) {
            return "must not be before the stock's last stored day, " + stock.bars().lastDate();
        }
        return null;
    }

    /** Each stock's newest tick of the batch replaces its stored one, unless that is newer. */
    private static Uni<Void> store(List<PriceTicked> ticks) {
        Map<String, PriceTicked> newest = new HashMap<>();
        ticks.forEach(t -> newest.merge(t.ticker(), t, (a, b) -> b.tradedAt().isBefore(a.tradedAt()) ? a : b));
        return PriceTickEntity.<PriceTickEntity>list("ticker in ?1", List.copyOf(newest.keySet())).chain(stored -> {
            Map<String, PriceTickEntity> byTicker = new HashMap<>();
            stored.forEach(e -> byTicker.put(e.ticker, e));
            List<PriceTickEntity> added = new ArrayList<>();
            newest.forEach((ticker, tick) -> {
                PriceTickEntity e = byTicker.get(ticker);
                if (e == null) {
                    added.add(new PriceTickEntity().set(tick));
                } else if (!tick.tradedAt().isBefore(e.tradedAt)) {
                    e.set(tick); // managed: flushed at commit
                }
            });
            return PriceTickEntity.persist(added);
        });
    }
}
