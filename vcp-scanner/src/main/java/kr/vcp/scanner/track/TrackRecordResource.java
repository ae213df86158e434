package kr.vcp.scanner.track;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import kr.vcp.scanner.errors.QueryParams;

/** How one stock's signals did. */
@Path("/stocks/{ticker}/signals")
@Produces(MediaType.APPLICATION_JSON)
public class TrackRecordResource {

    private final TrackRecordService track;

    public TrackRecordResource(TrackRecordService track) {
        this.track = track;
    }

    /** {@code limit} 1..100 (default 20) signals listed, newest first; the counts cover all of them. */
    @GET
    public Uni<TrackViews.History> history(@PathParam("ticker") String ticker, @QueryParam("limit") String limit) {
        return Uni.createFrom().item(() -> QueryParams.ticker("ticker", ticker))
                .chain(t -> track.history(t, QueryParams.integer("limit", limit, 20, 1, 100)));
    }
}
