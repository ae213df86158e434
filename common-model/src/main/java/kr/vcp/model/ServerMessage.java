package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** What the gateway sends over the WebSocket; {@code type} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerMessage.SignalUpdate.class),
        @JsonSubTypes.Type(ServerMessage.Subscribed.class),
        @JsonSubTypes.Type(ServerMessage.Unsubscribed.class),
        @JsonSubTypes.Type(ServerMessage.Pong.class),
        @JsonSubTypes.Type(ServerMessage.Error.class)
})
public sealed interface ServerMessage {

    /** Contract message: the complete list the page should show. */
    @JsonTypeName("signal_update")
    record SignalUpdate(@JsonProperty("data") Data data) implements ServerMessage {

        public static SignalUpdate of(List<Signal> signals, LocalDateTime timestamp, UUID eventId) {
            return new SignalUpdate(new Data(signals, signals.size(), timestamp, eventId));
        }

        /**
         * {@code count} always equals {@code signals.size()}; {@code timestamp} is Korean time to the microsecond;
         * {@code event_id}, which the page ignores (contract.md allows extra fields inside {@code data}), names the
         * Kafka event that caused this update, for debugging and replay.
         */
        public record Data(
                @JsonProperty("signals") List<Signal> signals,
                @JsonProperty("count") int count,
                @JsonProperty("timestamp") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS") LocalDateTime timestamp,
                @JsonProperty("event_id") @JsonInclude(JsonInclude.Include.NON_NULL) UUID eventId) {

            public Data {
                signals = List.copyOf(signals);
            }
        }
    }

    @JsonTypeName("subscribed")
    record Subscribed(@JsonProperty("topic") String topic) implements ServerMessage {
    }

    @JsonTypeName("unsubscribed")
    record Unsubscribed(@JsonProperty("topic") String topic) implements ServerMessage {
    }

    @JsonTypeName("pong")
    record Pong(@JsonProperty("timestamp") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS") LocalDateTime timestamp)
            implements ServerMessage {
    }

    /**
     * A request the gateway could not act on; the connection stays open.
     *
     * @param code    machine-readable: {@code malformed_json}, {@code unknown_type}, {@code unknown_topic}, ...
     * @param message what was wrong, for a person
     */
    @JsonTypeName("error")
    record Error(@JsonProperty("code") String code, @JsonProperty("message") String message) implements ServerMessage {
    }
}
