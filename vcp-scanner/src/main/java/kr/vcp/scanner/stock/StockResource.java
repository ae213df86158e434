package kr.vcp.scanner.stock;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import kr.vcp.scanner.errors.QueryParams;

/** A stock's detail, chart and investor flows, as the dashboard's stock pages read them. */
@Path("/stocks/{ticker}")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    private final StockService stocks;

    public StockResource(StockService stocks) {
        this.stocks = stocks;
    }

    @GET
    public Uni<StockViews.Detail> detail(@PathParam("ticker") String ticker) {
        return Uni.createFrom().item(() -> QueryParams.ticker("ticker", ticker)).chain(stocks::detail);
    }

    /** {@code period}: 1mo, 3mo (default), 6mo or 1y before the last bar. */
    @GET
    @Path("/chart")
    public Uni<StockViews.Chart> chart(@PathParam("ticker") String ticker, @QueryParam("period") String period) {
        return Uni.createFrom().item(() -> QueryParams.ticker("ticker", ticker))
                .chain(t -> stocks.chart(t, QueryParams.oneOf("period", period, "3mo", StockService.PERIODS)));
    }

    /** {@code days}: the last 5 to 60 days of flows (default 20). */
    @GET
    @Path("/flow")
    public Uni<StockViews.Flow> flow(@PathParam("ticker") String ticker, @QueryParam("days") String days) {
        return Uni.createFrom().item(() -> QueryParams.ticker("ticker", ticker))
                .chain(t -> stocks.flow(t, QueryParams.integer("days", days, 20, 5, 60)));
    }
}
