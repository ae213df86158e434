package kr.vcp.scanner.scan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import kr.vcp.model.Krx;
import kr.vcp.scanner.config.ScannerConfig;

/** Where scanning is, on every replica: the dashboard's scan panel polls it every 5 s. */
@Path("/scans/status")
@Produces(MediaType.APPLICATION_JSON)
public class ScanStatusResource {

    /**
     * {@code progress_percentage} of a running scan is estimated from the time the last successful one took (scans
     * report no progress of their own: one takes well under a second), at most 95 until it has finished.
     */
    public record Status(
            @JsonProperty("vcp_scan_status") String vcpScanStatus,
            @JsonProperty("signal_generation_status") String signalGenerationStatus,
            @JsonProperty("last_vcp_scan") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss") LocalDateTime lastVcpScan,
            @JsonProperty("current_operation") String currentOperation,
            @JsonProperty("progress_percentage") int progressPercentage) {
    }

    private final ScanRepository scans;
    private final ScannerConfig config;

    public ScanStatusResource(ScanRepository scans, ScannerConfig config) {
        this.scans = scans;
        this.config = config;
    }

    @GET
    public Uni<Status> status() {
        Instant now = Instant.now();
        return Panache.withSession(() -> scans.running(now)
                .chain(running -> scans.lastFinished().map(last -> status(running, last, now))));
    }

    private static Status status(ScanEntity running, ScanEntity last, Instant now) {
        LocalDateTime lastAt = last == null || last.finishedAt == null ? null
                : LocalDateTime.ofInstant(last.finishedAt, Krx.ZONE).withNano(0);
        if (running != null) {
            long took = last == null || last.status != ScanStatus.SUCCEEDED ? 1_000
                    : Math.max(1, Duration.between(last.startedAt, last.finishedAt).toMillis());
            int progress = (int) Math.min(95, Duration.between(running.startedAt, now).toMillis() * 100 / took);
            return new Status("running", "running", lastAt, "VCP 스캔 진행 중: " + running.market, progress);
        }
        if (last == null) {
            return new Status("idle", "idle", null, "대기 중", 0);
        }
        return last.status == ScanStatus.SUCCEEDED
                ? new Status("completed", "completed", lastAt, "VCP 스캔 완료: " + last.market + ", 신호 "
                        + last.signalCount + "개", 100)
                : new Status("error", "error", lastAt, "VCP 스캔 실패: " + last.error, 100);
    }
}
