package kr.vcp.scanner.synthetic;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import kr.vcp.scanner.errors.JsonBody;

@Path("/market-data")
@Produces(MediaType.APPLICATION_JSON)
public class SyntheticResource {

    private final SyntheticService generator;

    public SyntheticResource(SyntheticService generator) {
        this.generator = generator;
    }

    /**
     * Generates and loads the synthetic market: {@code {"seed": 42, "tickers": 2700, "days": 400, "last_day":
     * "2025-06-17"}}, each optional (the defaults are the KRX-sized market of seed 42). Only a scanner serving the
     * synthetic dataset generates; any other answers 403.
     */
    @POST
    @Path("/generate")
    @Consumes(MediaType.WILDCARD)
    public Uni<SyntheticService.GenerateSummary> generate(String body) {
        return Uni.createFrom().item(() -> {
            SyntheticMarket.Spec krx = SyntheticMarket.Spec.krx(42);
            JsonBody json = JsonBody.parse(body, Set.of("seed", "tickers", "days", "last_day"),
                    "{\"seed\": 42, \"tickers\": 2700, \"days\": 400}");
            long seed = json.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, krx.seed());
            int tickers = (int) json.integer("tickers", 1, 9_999, krx.tickers());
            int days = (int) json.integer("days", 260, 2_000, krx.days());
            var lastDay = json.date("last_day", krx.lastDay());
            json.validate();
            return new SyntheticMarket.Spec(seed, tickers, days, lastDay, krx.plantedShare(), krx.decoyShare());
        }).chain(generator::generate);
    }
}
