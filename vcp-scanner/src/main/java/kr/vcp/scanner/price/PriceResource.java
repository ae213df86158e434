package kr.vcp.scanner.price;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import kr.vcp.scanner.errors.QueryParams;
import kr.vcp.scanner.marketdata.HeldMarket;

@Path("/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    /** Tickers one price request may name: a page of 100 signals. */
    static final int MAX_TICKERS = 200;

    private final PriceService prices;
    private final HeldMarket market;

    public PriceResource(PriceService prices, HeldMarket market) {
        this.prices = prices;
        this.market = market;
    }

    /** The latest price of each listed stock of {@code tickers} (comma-separated); stocks without any are left out. */
    @GET
    public Uni<LatestPrices> latest(@QueryParam("tickers") String tickers) {
        return Uni.createFrom().item(() -> parse(tickers))
                .chain(list -> market.current().chain(held -> prices.latest(held, list)))
                .map(LatestPrices::of);
    }

    private static Set<String> parse(String tickers) {
        if (tickers == null || tickers.isBlank()) {
            throw QueryParams.invalid("tickers", "must name at least one ticker, e.g. tickers=005930,000660");
        }
        Set<String> parsed = new LinkedHashSet<>();
        Arrays.stream(tickers.split(",")).filter(t -> !t.isBlank()).forEach(t -> parsed.add(QueryParams.ticker("tickers", t)));
        if (parsed.size() > MAX_TICKERS) {
            throw QueryParams.invalid("tickers", "must name at most " + MAX_TICKERS + " tickers; named " + parsed.size());
        }
        return parsed;
    }
}
