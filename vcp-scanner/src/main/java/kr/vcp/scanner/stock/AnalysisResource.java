package kr.vcp.scanner.stock;

import kr.vcp.scanner.errors.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import kr.vcp.model.ApiError;
import kr.vcp.scanner.marketdata.MarketDataFiles;

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
        return Uni.createFrom().item(() -> new Request(ticker(ticker), date(asOf)))
                .chain(r -> analysis.explain(r.ticker(), r.asOf()))
                .map(found -> found.map(AnalysisResponse::of).orElseThrow(() -> new UnknownTickerException(
                        "no bars are stored for " + ticker + " up to that day")));
    }

    private record Request(String ticker, LocalDate asOf) {
    }

    private static String ticker(String value) {
        try {
            return MarketDataFiles.ticker(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid_request", List.of(new ApiError.Violation("ticker", e.getMessage())));
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid_request", List.of(new ApiError.Violation("as_of",
                    "must be a date like 2025-06-17; was '" + value + "'")));
        }
    }
}
