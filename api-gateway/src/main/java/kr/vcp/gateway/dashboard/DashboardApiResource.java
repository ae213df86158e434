package kr.vcp.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.limits.ScanThrottle;
import java.util.function.BiFunction;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The dashboard's REST API (contract.md, "The whole dashboard") and the live page's, on the gateway's host and port.
 * The scanner owns the data and answers in the dashboard's shapes: these pass its status and body through, its 400s
 * and 404s included; an unreachable scanner is a 502. Only the scan trigger and the health badge are shaped here.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardApiResource {

    /** Where a client sends its scan key, when {@code vcp.scans.keys} asks for one. */
    static final String KEY_HEADER = "X-API-Key";
    private static final String NO_SCAN_KEY = "scans through this gateway need one of its scan keys in X-API-Key"
            + " (vcp.scans.keys)";

    private final ScannerClient scanner;
    private final GatewayConfig config;
    private final SystemHealth health;
    private final ScanThrottle throttle;
    private final ScanAccess access;

    public DashboardApiResource(@RestClient ScannerClient scanner, GatewayConfig config, SystemHealth health,
            ScanThrottle throttle, ScanAccess access) {
        this.scanner = scanner;
        this.config = config;
        this.health = health;
        this.throttle = throttle;
        this.access = access;
    }

    /** The live page's scan form: the scanner's own request (JSON only: no cross-site form) and answer. */
    @POST
    @Path("/scan")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> scan(String body, @Context HttpServerRequest request) {
        Response refused = refusedScan(request, ApiError::of);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return passThrough(scanner.scan(writeKey(), body == null || body.isBlank() ? "{}" : body));
    }

    @GET
    @Path("/analysis/{ticker}")
    public Uni<Response> analysis(@PathParam("ticker") String ticker, @QueryParam("as_of") String asOf) {
        return passThrough(scanner.analysis(ticker, asOf));
    }

    @GET
    @Path("/kr/signals")
    public Uni<Response> signals(@QueryParam("limit") String limit) {
        return passThrough(scanner.signals(limit));
    }

    @GET
    @Path("/kr/signals/vcp")
    public Uni<Response> vcpSignals(@QueryParam("limit") String limit, @QueryParam("market") String market) {
        return passThrough(scanner.vcpSignals(limit, market));
    }

    /** The scan panel's button (also at /api/system/scan/vcp); see {@link ScanTrigger}. Any body is ignored. */
    @POST
    @Path("/kr/scan/vcp")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> scanVcp(@QueryParam("market") String market, @QueryParam("min_score") String minScore,
            @QueryParam("min_grade") String minGrade, @Context HttpServerRequest http) {
        ScanTrigger.Request request = ScanTrigger.request(market, minScore, minGrade);
        if (!request.violations().isEmpty()) {
            return Uni.createFrom().item(json(400, ApiError.invalid("invalid_request", request.violations())));
        }
        Response refused = refusedScan(http, (code, message) -> ScanTrigger.failed(message));
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return scanner.scan(writeKey(), request.body())
                .map(r -> json(200, ScanTrigger.completed(Json.treeOrNull(r.readEntity(String.class)))))
                .onFailure(WebApplicationException.class).recoverWithItem(e -> {
                    Response r = ((WebApplicationException) e).getResponse();
                    JsonNode error = Json.treeOrNull(r.readEntity(String.class));
                    return json(r.getStatus(), ScanTrigger.failed(error == null ? "the scanner answered " + r.getStatus()
                            : error.path("message").asText()));
                })
                .onFailure().recoverWithItem(e -> json(502, ScanTrigger.failed("the scanner did not answer: " + e.getMessage())));
    }

    @POST
    @Path("/system/scan/vcp")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> systemScanVcp(@QueryParam("market") String market, @QueryParam("min_score") String minScore,
            @QueryParam("min_grade") String minGrade, @Context HttpServerRequest http) {
        return scanVcp(market, minScore, minGrade, http);
    }

    @GET
    @Path("/kr/scan/status")
    public Uni<Response> scanStatus() {
        return passThrough(scanner.scanStatus());
    }

    @GET
    @Path("/system/scan/status")
    public Uni<Response> systemScanStatus() {
        return scanStatus();
    }

    @GET
    @Path("/kr/stocks/{ticker}")
    public Uni<Response> stock(@PathParam("ticker") String ticker) {
        return passThrough(scanner.stock(ticker));
    }

    @GET
    @Path("/kr/stocks/{ticker}/chart")
    public Uni<Response> chart(@PathParam("ticker") String ticker, @QueryParam("period") String period) {
        return passThrough(scanner.chart(ticker, period));
    }

    @GET
    @Path("/kr/stocks/{ticker}/flow")
    public Uni<Response> flow(@PathParam("ticker") String ticker, @QueryParam("days") String days) {
        return passThrough(scanner.flow(ticker, days));
    }

    @GET
    @Path("/kr/stocks/{ticker}/signals")
    public Uni<Response> stockSignals(@PathParam("ticker") String ticker, @QueryParam("limit") String limit) {
        return passThrough(scanner.stockSignals(ticker, limit));
    }

    @GET
    @Path("/kr/backtest-kpi")
    public Uni<Response> backtestKpi() {
        return passThrough(scanner.backtestKpi());
    }

    /** The live page's track record: the backtest that finished last, its equity curve and figures by grade. */
    @GET
    @Path("/backtests/latest")
    public Uni<Response> latestBacktest() {
        return passThrough(scanner.latestBacktest());
    }

    @GET
    @Path("/kr/market-gate")
    public Uni<Response> marketGate() {
        return passThrough(scanner.marketGate());
    }

    @GET
    @Path("/kr/realtime-prices")
    public Uni<Response> realtimePrices(@QueryParam("tickers") String tickers) {
        return passThrough(scanner.prices(tickers));
    }

    @GET
    @Path("/system/health")
    public Uni<SystemHealth.Answer> systemHealth() {
        return health.check();
    }

    /**
     * A scan this client may not run now: 401 without a scan key (when keys are configured), 429 over its rate; null
     * when it may. {@code body} makes the answer's body, from an error code and a message, in the caller's shape.
     */
    private Response refusedScan(HttpServerRequest request, BiFunction<String, String, Object> body) {
        if (!access.allows(request.getHeader(KEY_HEADER))) {
            return json(401, body.apply("unauthorized", NO_SCAN_KEY));
        }
        long wait = throttle.waitFor(client(request));
        return wait > 0 ? tooMany(wait, body.apply("too_many_scans", tooManyScans(wait))) : null;
    }

    private static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private String tooManyScans(long wait) {
        return "too many scans from this client (" + config.scans().perMinute() + " a minute); try again in " + wait
                + " s";
    }

    private static Response tooMany(long wait, Object body) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", wait)
                .entity(Json.write(body)).build();
    }

    private String writeKey() {
        return config.scanner().writeApiKey().orElse(null);
    }

    private static Uni<Response> passThrough(Uni<Response> call) {
        return call.map(DashboardApiResource::copy)
                .onFailure(WebApplicationException.class).recoverWithItem(e -> copy(((WebApplicationException) e).getResponse()))
                .onFailure().recoverWithItem(e -> json(502, ApiError.of("scanner_unreachable",
                        "the scanner did not answer: " + e.getMessage())));
    }

    private static Response copy(Response r) {
        return Response.status(r.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(r.readEntity(String.class))
                .build();
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(body)).build();
    }
}
