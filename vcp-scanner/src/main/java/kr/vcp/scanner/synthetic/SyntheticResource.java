package kr.vcp.scanner.synthetic;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import kr.vcp.scanner.errors.RequestValidation;

@Path("/market-data")
@Produces(MediaType.APPLICATION_JSON)
public class SyntheticResource {

    /** Each field optional: the defaults are the KRX-sized market of seed 42. */
        public record GenerateRequest(
            @JsonProperty("seed") Long seed,
            @JsonProperty("tickers")
            @Min(value = 1, message = "must be an integer from 1 to 9999")
            @Max(value = 9_999, message = "must be an integer from 1 to 9999")
            Integer tickers,
            @JsonProperty("days")
            @Min(value = 260, message = "must be an integer from 260 to 2000")
            @Max(value = 2_000, message = "must be an integer from 260 to 2000")
            Integer days,
            @JsonProperty("last_day") LocalDate lastDay) {

        SyntheticMarket.Spec spec() {
            SyntheticMarket.Spec krx = SyntheticMarket.Spec.krx(seed == null ? 42 : seed);
            return new SyntheticMarket.Spec(krx.seed(), tickers == null ? krx.tickers() : tickers,
                    days == null ? krx.days() : days, lastDay == null ? krx.lastDay() : lastDay, krx.plantedShare(),
                    krx.decoyShare());
        }
    }

    private final SyntheticService generator;
    private final RequestValidation validation;

    public SyntheticResource(SyntheticService generator, RequestValidation validation) {
        this.generator = generator;
        this.validation = validation;
    }

    /**
     * Generates and loads the synthetic market: {@code {"seed": 42, "tickers": 2700, "days": 400, "last_day":
     * "2025-06-17"}}. Only a scanner serving the synthetic dataset generates; any other answers 403.
     */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SyntheticService.GenerateSummary> generate(GenerateRequest request) {
        return Uni.createFrom().item(() -> validation.check(request == null
                        ? new GenerateRequest(null, null, null, null) : request).spec())
                .chain(generator::generate);
    }
}
