package kr.vcp.scanner.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import kr.vcp.scanner.errors.QueryParams;
import kr.vcp.scanner.errors.RefusedException;

/**
 * {@code POST /backtest} starts a walk-forward backtest (a write: the write key is required) and answers 202 with
 * where to read it; {@code GET /backtests/{id}} reads it: its progress while it runs, its report once done.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    /** A stored backtest: {@code request} and {@code report} as they were written. */
    public record View(
            @JsonProperty("backtest_id") UUID id,
            @JsonProperty("status") String status,
            @JsonProperty("progress_pct") Integer progressPct,
            @JsonProperty("days") int days,
            @JsonProperty("request") @JsonRawValue String request,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("error") String error,
            @JsonProperty("report") @JsonRawValue String report) {
    }

    /** No backtest of that id: 404. */
    static final class UnknownBacktestException extends RefusedException {
        UnknownBacktestException(String message) {
            super(404, "unknown_backtest", message);
        }
    }

    private final BacktestService service;
    private final BacktestRepository backtests;

    public BacktestResource(BacktestService service, BacktestRepository backtests) {
        this.service = service;
        this.backtests = backtests;
    }

    @POST
    @Path("/backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> start(BacktestRequest request) {
        return service.start(request == null ? new BacktestRequest(null, null, null, null, null, null) : request)
                .map(started -> Response.accepted(started).location(URI.create("/backtests/" + started.id())).build());
    }

    @GET
    @Path("/backtests/{id}")
    public Uni<View> read(@PathParam("id") String id) {
        return Uni.createFrom().item(() -> uuid(id)).chain(backtests::find)
                .map(b -> view(b, "no backtest " + id + " is stored"));
    }

    /** The backtest that succeeded last: the live page's track record. */
    @GET
    @Path("/backtests/latest")
    public Uni<View> latest() {
        return backtests.latestSucceeded().map(b -> view(b, "no backtest has finished yet: POST /backtest runs one"));
    }

    private View view(BacktestRepository.Stored b, String missing) {
        if (b == null) {
            throw new UnknownBacktestException(missing);
        }
        return new View(b.id(), b.status(), b.status().equals("RUNNING") ? service.progress(b.id(), b.days())
                : Integer.valueOf(100), b.days(), b.request(), b.startedAt(), b.finishedAt(), b.error(), b.report());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("id", "must be a backtest id such as 3faeffbf-…; was '" + id + "'");
        }
    }
}
