package kr.vcp.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.model.ApiError;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The scanner's scan and analysis requests, forwarded for the live page so that it talks to one origin. Status
 * and body pass through unchanged, errors included; an unreachable scanner is a 502.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ScannerProxyResource {

    private final ScannerClient scanner;
    private final GatewayConfig config;

    public ScannerProxyResource(@RestClient ScannerClient scanner, GatewayConfig config) {
        this.scanner = scanner;
        this.config = config;
    }

    @POST
    @Path("/scan")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> scan(String body) {
        return passThrough(scanner.scan(config.scanner().writeApiKey().orElse(null),
                body == null || body.isBlank() ? "{}" : body));
    }

    @GET
    @Path("/analysis/{ticker}")
    public Uni<Response> analysis(@PathParam("ticker") String ticker, @QueryParam("as_of") String asOf) {
        return passThrough(scanner.analysis(ticker, asOf));
    }

    private static Uni<Response> passThrough(Uni<Response> call) {
        return call.map(ScannerProxyResource::copy)
                .onFailure(WebApplicationException.class).recoverWithItem(e -> copy(((WebApplicationException) e).getResponse()))
                .onFailure().recoverWithItem(e -> Response.status(502).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of("scanner_unreachable", "the scanner did not answer: " + e.getMessage()))
                        .build());
    }

    private static Response copy(Response r) {
        return Response.status(r.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(r.readEntity(String.class))
                .build();
    }
}
