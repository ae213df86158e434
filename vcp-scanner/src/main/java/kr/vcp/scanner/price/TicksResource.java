package kr.vcp.scanner.price;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Intraday ticks from a broker feed adapter (a write: the write key is required). */
@Path("/market-data/ticks")
@Produces(MediaType.APPLICATION_JSON)
public class TicksResource {

    private final PriceService prices;

    public TicksResource(PriceService prices) {
        this.prices = prices;
    }

    /** All valid and taken, or a 400 naming each tick at fault and none taken. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PriceService.Accepted> ticks(TicksRequest request) {
        return prices.accept(request == null ? new TicksRequest(null) : request);
    }
}
