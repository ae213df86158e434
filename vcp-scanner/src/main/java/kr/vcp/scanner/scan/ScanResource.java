package kr.vcp.scanner.scan;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.errors.RequestValidation;

@Path("/scan")
public class ScanResource {

    private final ScanService scans;
    private final RequestValidation validation;
    private final ScannerConfig config;

    public ScanResource(ScanService scans, RequestValidation validation, ScannerConfig config) {
        this.scans = scans;
        this.validation = validation;
        this.config = config;
    }

    /** A JSON body only, so that no cross-site form can start a scan; an empty body takes every default. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ScanResponse> scan(ScanRequest request) {
        return Uni.createFrom().item(() -> validation.check(request == null ? ScanRequest.DEFAULTS : request)
                        .command(config.scan()))
                .chain(command -> scans.scan(command, ScanTrigger.MANUAL))
                .map(ScanResponse::of);
    }
}
