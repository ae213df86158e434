package kr.vcp.scanner.scan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import kr.vcp.model.Market;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Signal;
import kr.vcp.scanner.errors.QueryParams;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.price.PriceService;

/**
 * The signals on the VCP page now: each market's newest signal day, best first, priced at each stock's latest price
 * (the same list {@code signal_update} carries, read back from PostgreSQL).
 */
@Path("/signals")
@Produces(MediaType.APPLICATION_JSON)
public class SignalsResource {

    /** {@code GET /signals/vcp}: the signals, how many, and when the newest was made (null when there are none). */
    public record VcpSignals(
            @JsonProperty("signals") List<Signal> signals,
            @JsonProperty("count") int count,
            @JsonProperty("generated_at") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime generatedAt) {
    }

    private final SignalRepository signals;
    private final HeldMarket market;
    private final PriceService prices;

    public SignalsResource(SignalRepository signals, HeldMarket market, PriceService prices) {
        this.signals = signals;
        this.market = market;
        this.prices = prices;
    }

    /** A bare array of both markets' signals, {@code limit} 1..100 (default 20). */
    @GET
    public Uni<List<Signal>> all(@QueryParam("limit") String limit) {
        return Uni.createFrom().item(() -> QueryParams.integer("limit", limit, 20, 1, 100))
                .chain(n -> latest(Set.of(Market.KOSPI, Market.KOSDAQ), n));
    }

    /** {@code limit} 1..50 (default 20); {@code market} KOSPI or KOSDAQ (default both). */
    @GET
    @Path("/vcp")
    public Uni<VcpSignals> vcp(@QueryParam("limit") String limit, @QueryParam("market") String market) {
        return Uni.createFrom().item(() -> QueryParams.markets("market", market))
                .chain(markets -> latest(markets, QueryParams.integer("limit", limit, 20, 1, 50)))
                .map(list -> new VcpSignals(list, list.size(), list.stream().map(Signal::createdAt)
                        .max(Comparator.naturalOrder()).orElse(null)));
    }

    private Uni<List<Signal>> latest(Set<Market> markets, int limit) {
        return Panache.withSession(() -> signals.latest(markets, limit))
                .chain(rows -> market.current().chain(held -> prices.latest(held,
                                rows.stream().map(r -> r.ticker).toList()))
                        .map(latest -> rows.stream().map(r -> {
                            Signal s = r.toSignal();
                            PriceTicked p = latest.get(s.ticker());
                            return p == null ? s : s.pricedAt(p.price());
                        }).toList()));
    }
}
