package kr.vcp.gateway.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.hub.TopicMessage;
import kr.vcp.gateway.kafka.FeedConsumer;
import kr.vcp.gateway.kafka.SignalFeed;
import kr.vcp.model.ApiError;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka replay for engineers: list what was sent, in order with its Kafka coordinates, and re-broadcast a stretch
 * to {@code debug:signal:vcp} without touching traders' pages. Every request needs {@code X-API-Key}. These methods
 * read Kafka with a blocking client, so they run on worker threads (they return plain values).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** One record of the topic; {@code event} when it reads as an event, else {@code error} and {@code raw}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopicEvent(
            @JsonProperty("partition") int partition,
            @JsonProperty("offset") long offset,
            @JsonProperty("timestamp") Instant timestamp,
            @JsonProperty("key") String key,
            @JsonProperty("event") SignalsScanned event,
            @JsonProperty("error") String error,
            @JsonProperty("raw") String raw) {
    }

    public record EventList(
            @JsonProperty("topic") String topic,
            @JsonProperty("count") int count,
            @JsonProperty("events") List<TopicEvent> events) {
    }

    public record ReplayReport(
            @JsonProperty("to_topic") String toTopic,
            @JsonProperty("events_read") int eventsRead,
            @JsonProperty("events_replayed") int eventsReplayed,
            @JsonProperty("subscribers") int subscribers,
            @JsonProperty("messages_sent") int messagesSent) {
    }

    private final TopicReader reader;
    private final Hub hub;
    private final GatewayConfig.Admin config;

    public AdminResource(TopicReader reader, Hub hub, GatewayConfig config) {
        this.reader = reader;
        this.hub = hub;
        this.config = config.admin();
    }

    @GET
    @Path("/events")
    public EventList events(@BeanParam EventRangeQuery query) {
        List<TopicEvent> events = read(query);
        return new EventList(Topics.KAFKA_SIGNALS, events.size(), events);
    }

    @POST
    @Path("/replay")
    public ReplayReport replay(@BeanParam EventRangeQuery query) {
        List<TopicEvent> read = read(query);
        List<SignalsScanned> events = read.stream().map(TopicEvent::event).filter(Objects::nonNull).toList();
        List<TopicMessage> pages = SignalFeed.replay(events);
        int subscribers = hub.subscribers(Topics.WS_DEBUG_SIGNAL_VCP);
        hub.publish(pages);
        return new ReplayReport(Topics.WS_DEBUG_SIGNAL_VCP, read.size(), events.size(), subscribers,
                pages.size() * subscribers);
    }

    /** Both endpoints: authorise, check the range, read it. */
    private List<TopicEvent> read(EventRangeQuery query) {
        authorize(query.apiKey);
        return reader.read(range(query)).stream()
                .map(AdminResource::toEvent).toList();
    }

    private void authorize(String apiKey) {
        String expected = config.apiKey().filter(k -> !k.isBlank()).orElse(null);
        if (expected == null) {
            throw refuse(401, "unauthorized", "the admin API is off: no vcp.admin.api-key is configured");
        }
        if (apiKey == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8))) {
            throw refuse(401, "unauthorized", "send the admin API key in the X-API-Key header");
        }
    }

    private TopicReader.Range range(EventRangeQuery query) {
        List<ApiError.Violation> violations = new ArrayList<>();
        Long from = number(query.fromOffset, "from_offset", violations);
        Long to = number(query.toOffset, "to_offset", violations);
        Long p = number(query.partition, "partition", violations);
        Long max = number(query.limit, "limit", violations);
        Instant since = time(query.fromTime, "from_time", violations);
        Instant until = time(query.toTime, "to_time", violations);
        if (from != null && since != null) {
            violations.add(new ApiError.Violation("from_time", "give from_offset or from_time, not both"));
        }
        if (from != null && to != null && to < from) {
            violations.add(new ApiError.Violation("to_offset", "must not be before from_offset"));
        }
        if (since != null && until != null && until.isBefore(since)) {
            violations.add(new ApiError.Violation("to_time", "must not be before from_time"));
        }
        if (max != null && (max < 1 || max > config.maxEvents())) {
            violations.add(new ApiError.Violation("limit", "must be from 1 to " + config.maxEvents()));
        }
        if (!violations.isEmpty()) {
            throw new WebApplicationException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.invalid("invalid_request", violations)).build());
        }
        return new TopicReader.Range(p == null ? null : p.intValue(), from, to, since, until,
                max == null ? config.maxEvents() : max.intValue());
    }

    private static Long number(String value, String field, List<ApiError.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                violations.add(new ApiError.Violation(field, "must not be negative; was " + value));
            }
            return n;
        } catch (NumberFormatException e) {
            violations.add(new ApiError.Violation(field, "must be a whole number; was '" + value + "'"));
            return null;
        }
    }

    private static Instant time(String value, String field, List<ApiError.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            violations.add(new ApiError.Violation(field, "must be an ISO-8601 instant like 2025-06-17T06:40:00Z; was '"
                    + value + "'"));
            return null;
        }
    }

    private static TopicEvent toEvent(ConsumerRecord<String, String> r) {
        Instant at = Instant.ofEpochMilli(r.timestamp());
        try {
            return new TopicEvent(r.partition(), r.offset(), at, r.key(), FeedConsumer.readSignals(r.value()), null, null);
        } catch (IllegalArgumentException e) {
            return new TopicEvent(r.partition(), r.offset(), at, r.key(), null, e.getMessage(), r.value());
        }
    }

    private static WebApplicationException refuse(int status, String code, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message)).build());
    }
}
