package kr.vcp.scanner.gate;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import kr.vcp.model.Market;
import kr.vcp.scanner.errors.QueryParams;
import kr.vcp.scanner.marketdata.MarketDataService;

/** KOSPI's or KOSDAQ's daily levels as pykrx writes them (a write: the write key is required). */
@Path("/market-data/indices/{market}")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final IndexImport indices;

    public IndexResource(IndexImport indices) {
        this.indices = indices;
    }

    /** {@code market}: KOSPI or KOSDAQ; the file: {@code 날짜,시가,고가,저가,종가,거래량,등락률}, levels with decimals. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importIndex(@PathParam("market") String market, String csv) {
        return Uni.createFrom().item(() -> Market.valueOf(QueryParams.oneOf("market", market, null,
                        List.of("KOSPI", "KOSDAQ")).toUpperCase(Locale.ROOT)))
                .chain(m -> indices.importIndex(m, csv == null ? "" : csv));
    }
}
