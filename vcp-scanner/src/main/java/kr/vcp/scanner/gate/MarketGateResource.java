package kr.vcp.scanner.gate;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Whether the market favours new long positions, as the dashboard's home and dashboard pages show it. */
@Path("/market-gate")
@Produces(MediaType.APPLICATION_JSON)
public class MarketGateResource {

    private final MarketGateService gate;

    public MarketGateResource(MarketGateService gate) {
        this.gate = gate;
    }

    @GET
    public Uni<MarketGateView> gate() {
        return gate.view();
    }
}
