package kr.vcp.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scanner's API as the live page needs it ({@code quarkus.rest-client.scanner.url}). */
@RegisterRestClient(configKey = "scanner")
public interface ScannerClient {

    @POST
    @Path("/scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> scan(@HeaderParam("X-API-Key") String writeKey, String body);

    @GET
    @Path("/analysis/{ticker}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> analysis(@PathParam("ticker") String ticker, @QueryParam("as_of") String asOf);

    @GET
    @Path("/signals")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> signals(@QueryParam("limit") String limit);

    @GET
    @Path("/signals/vcp")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> vcpSignals(@QueryParam("limit") String limit, @QueryParam("market") String market);

    @GET
    @Path("/scans/status")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> scanStatus();

    @GET
    @Path("/stocks/{ticker}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> stock(@PathParam("ticker") String ticker);

    @GET
    @Path("/stocks/{ticker}/chart")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> chart(@PathParam("ticker") String ticker, @QueryParam("period") String period);

    @GET
    @Path("/stocks/{ticker}/flow")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> flow(@PathParam("ticker") String ticker, @QueryParam("days") String days);

    @GET
    @Path("/stocks/{ticker}/signals")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> stockSignals(@PathParam("ticker") String ticker, @QueryParam("limit") String limit);

    @GET
    @Path("/backtest-kpi")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> backtestKpi();

    @GET
    @Path("/backtests/latest")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> latestBacktest();

    @GET
    @Path("/market-gate")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> marketGate();

    @GET
    @Path("/prices")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> prices(@QueryParam("tickers") String tickers);

    @GET
    @Path("/q/health/ready")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> readiness();
}
