package kr.vcp.scanner.stock;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import kr.vcp.scanner.errors.QueryParams;

@Path("/analysis")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final AnalysisService analysis;

    public AnalysisResource(AnalysisService analysis) {
        this.analysis = analysis;
    }

    /** The whole breakdown of one stock as of a trading day (default: the newest stored). */
    @GET
    @Path("/{ticker}")
    public Uni<AnalysisResponse> analyse(@PathParam("ticker") String ticker, @QueryParam("as_of") String asOf) {
        return Uni.createFrom().item(() -> new Request(QueryParams.ticker("ticker", ticker), QueryParams.date("as_of", asOf)))
                .chain(r -> analysis.explain(r.ticker(), r.asOf()))
                .map(found -> found.map(AnalysisResponse::of).orElseThrow(() -> new UnknownTickerException(
                        "no bars are stored for " + ticker + " up to that day")));
    }

    private record Request(String ticker, LocalDate asOf) {
    }
}
