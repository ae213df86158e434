package kr.vcp.gateway.admin;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;

/**
 * What both admin endpoints are sent: the key, and the stretch of the topic to read, as text until
 * {@link AdminResource} checks it (so a bad value gets a 400 that names it).
 */
public class EventRangeQuery {

    @HeaderParam("X-API-Key")
    String apiKey;

    @QueryParam("partition")
    String partition;

    @QueryParam("from_offset")
    String fromOffset;

    @QueryParam("to_offset")
    String toOffset;

    @QueryParam("from_time")
    String fromTime;

    @QueryParam("to_time")
    String toTime;

    @QueryParam("limit")
    String limit;
}
