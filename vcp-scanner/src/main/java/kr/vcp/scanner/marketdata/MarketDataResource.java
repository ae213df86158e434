package kr.vcp.scanner.marketdata;

import kr.vcp.model.Krx;
import kr.vcp.scanner.errors.InvalidRequestException;
import kr.vcp.scanner.errors.RefusedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import kr.vcp.scanner.errors.RequestValidation;
import jakarta.validation.constraints.NotBlank;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.vertx.mutiny.core.Vertx;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.model.ApiError;

@Path("/market-data")
@Produces(MediaType.APPLICATION_JSON)
public class MarketDataResource {

    private final MarketDataService importer;
    private final MarketDataRepository repository;
    private final HeldMarket market;
    private final RequestValidation validation;
    private final ScannerConfig config;
    private final Vertx vertx;
    private final AtomicBoolean bulkImporting = new AtomicBoolean();

    public MarketDataResource(MarketDataService importer, MarketDataRepository repository, HeldMarket market,
            RequestValidation validation, ScannerConfig config, Vertx vertx) {
        this.validation = validation;
        this.importer = importer;
        this.repository = repository;
        this.market = market;
        this.config = config;
        this.vertx = vertx;
    }

    /** A stock master file, {@code ticker,name,market}. */
    @POST
    @Path("/stocks")
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importStocks(String csv) {
        return importer.importFile(MarketDataFiles.Kind.STOCKS, new MarketDataService.NamedFile("stocks.csv", csv));
    }

    /** One ticker's daily bars as pykrx writes them ({@code 날짜,시가,고가,저가,종가,거래량,등락률}). */
    @POST
    @Path("/bars/{ticker}")
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importBars(@PathParam("ticker") String ticker, String csv) {
        return Uni.createFrom().item(() -> checkedTicker(ticker))
                .chain(t -> importer.importFile(MarketDataFiles.Kind.BARS, new MarketDataService.NamedFile(t + ".csv", csv)));
    }

    /** One ticker's investor flows as pykrx writes them ({@code 날짜,기관합계,기타법인,개인,외국인합계,전체}). */
    @POST
    @Path("/flows/{ticker}")
    @Consumes(MediaType.WILDCARD)
    public Uni<MarketDataService.ImportSummary> importFlows(@PathParam("ticker") String ticker, String csv) {
        return Uni.createFrom().item(() -> checkedTicker(ticker))
                .chain(t -> importer.importFile(MarketDataFiles.Kind.FLOWS,
                        new MarketDataService.NamedFile(t + ".csv", csv)));
    }

    /**
     * A zip of market data files: a stock master, {@code <ticker>.csv} bars and flows, in any folders; each file
     * is recognised by its header.
     */
    @POST
    @Path("/import")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    public Uni<MarketDataService.BulkSummary> importZip(byte[] zip) {
        // Unzipping is CPU work on a possibly large upload: off the event loop.
        return oneAtATime(() -> vertx.executeBlocking(Uni.createFrom().item(() -> BulkFiles.unzip(zip,
                        config.importing().maxFileBytes(), config.importing().maxBytes())))
                .chain(files -> importer.importAll("upload.zip", files)));
    }

    /** {@code {"path": "sample-data"}}: a folder below {@code vcp.import.directory-root}. */
        public record DirectoryRequest(
            @JsonProperty("path") @NotBlank(message = "is required: a non-empty string") String path) {
    }

    /** Every CSV below a folder of the scanner's machine. */
    @POST
    @Path("/import-directory")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<MarketDataService.BulkSummary> importDirectory(DirectoryRequest request) {
        return Uni.createFrom().item(() -> validation.check(request == null ? new DirectoryRequest(null) : request)
                .path()).chain(path -> oneAtATime(() -> vertx.executeBlocking(Uni.createFrom().item(() -> BulkFiles
                        .readDirectory(java.nio.file.Path.of(config.importing().directoryRoot()), path,
                                config.importing().maxFileBytes(), config.importing().maxBytes())))
                .chain(files -> importer.importAll(path, files))));
    }

    /** A bulk import holds its files in memory: one at a time per replica, another one meanwhile is a 409. */
    private <T> Uni<T> oneAtATime(Supplier<Uni<T>> bulkImport) {
        if (!bulkImporting.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new ImportRunningException());
        }
        return Uni.createFrom().deferred(bulkImport::get).eventually(() -> bulkImporting.set(false));
    }

    /** Another bulk import runs on this replica: 409. */
    static final class ImportRunningException extends RefusedException {
        ImportRunningException() {
            super(409, "import_running", "another bulk import is running on this replica; try again when it has"
                    + " finished");
        }
    }

    /** One held listing: what a scan or analysis of it reads. */
    public record Listing(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("name") String name,
            @JsonProperty("market") kr.vcp.model.Market market,
            @JsonProperty("bars") int bars,
            @JsonProperty("first_date") LocalDate firstDate,
            @JsonProperty("last_date") LocalDate lastDate) {
    }

    /** Every listing held, by ticker, with its span of bars. */
    @GET
    @Path("/stocks")
    public Uni<List<Listing>> listings() {
        return market.current().map(held -> held.stocks().stream()
                .map(s -> new Listing(s.ticker(), s.name(), s.market(), s.bars().size(),
                        s.bars().size() == 0 ? null : s.bars().dates()[0],
                        s.bars().size() == 0 ? null : s.bars().lastDate()))
                .toList());
    }

    @GET
    @Path("/status")
    public Uni<List<MarketDataRepository.MarketStatus>> status() {
        return repository.status();
    }

    private static String checkedTicker(String ticker) {
        try {
            return Krx.ticker(ticker);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid_request",
                    List.of(new ApiError.Violation("ticker", e.getMessage())));
        }
    }
}
