package kr.vcp.scanner.scan;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.vcp.scanner.config.ScannerConfig;

@Path("/scan")
public class ScanResource {

    private final ScanService scans;
    private final ScannerConfig config;

    public ScanResource(ScanService scans, ScannerConfig config) {
        this.scans = scans;
        this.config = config;
    }

    /** Any content type is read as JSON, so a bare {@code curl -d '{...}'} works too. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ScanResponse> scan(String body) {
        return Uni.createFrom().item(() -> ScanRequestReader.read(body, config.scan()))
                .chain(command -> scans.scan(command, ScanTrigger.MANUAL))
                .map(ScanResponse::of);
    }
}
