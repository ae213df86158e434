package kr.vcp.scanner.track;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How all the stored signals did, as the dashboard's KPI card shows it. */
@Path("/backtest-kpi")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestKpiResource {

    private final TrackRecordService track;

    public BacktestKpiResource(TrackRecordService track) {
        this.track = track;
    }

    @GET
    public Uni<TrackViews.Kpi> kpi() {
        return track.kpi();
    }
}
