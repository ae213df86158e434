package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDateTime;
import java.util.List;

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

        public static SignalUpdate of(List<Signal> signals, LocalDateTime timestamp) {
            return new SignalUpdate(new Data(signals, signals.size(), timestamp));
        }

        /** {@code count} always equals {@code signals.size()}; {@code timestamp} is Korean time to the microsecond. */
        public record Data(
                @JsonProperty("signals") List<Signal> signals,
                @JsonProperty("count") int count,
                @JsonProperty("timestamp") @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS") LocalDateTime timestamp) {

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
