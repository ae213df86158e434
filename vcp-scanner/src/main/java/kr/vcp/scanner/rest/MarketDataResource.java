package kr.vcp.scanner.rest;

import kr.vcp.model.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.repository.MarketDataRepository;
import kr.vcp.scanner.service.MarketDataService;

@Path("/market-data")
@Produces(MediaType.APPLICATION_JSON)
public class MarketDataResource {

    private final MarketDataService importer;
    private final MarketDataRepository repository;

    public MarketDataResource(MarketDataService importer, MarketDataRepository repository) {
        this.importer = importer;
        this.repository = repository;
    }

    /** A stock master file, {@code ticker,name,market}. */
    @POST
    @Path("/stocks")
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importStocks(String csv) {
        return importer.importStocks("stocks.csv", csv);
    }

    /** One ticker's daily bars as pykrx writes them ({@code 날짜,시가,고가,저가,종가,거래량,등락률}). */
    @POST
    @Path("/bars/{ticker}")
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importBars(@PathParam("ticker") String ticker, String csv) {
        return Uni.createFrom().item(() -> checkedTicker(ticker))
                .chain(t -> importer.importBars(t, t + ".csv", csv));
    }

    @GET
    @Path("/status")
    public Uni<List<MarketDataRepository.MarketStatus>> status() {
        return repository.status();
    }

    private static String checkedTicker(String ticker) {
        try {
            return MarketDataFiles.ticker(ticker);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid_request", List.of(new ApiError.Violation("ticker", e.getMessage())));
        }
    }
}
