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
}
