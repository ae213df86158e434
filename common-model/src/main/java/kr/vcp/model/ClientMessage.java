package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** What a dashboard sends over the WebSocket; {@code type} selects the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ClientMessage.Subscribe.class),
        @JsonSubTypes.Type(ClientMessage.Unsubscribe.class),
        @JsonSubTypes.Type(ClientMessage.Ping.class),
        @JsonSubTypes.Type(ClientMessage.Pong.class)
})
public sealed interface ClientMessage {

    /** {@code {"type": "subscribe", "topic": "signal:vcp"}} */
    @JsonTypeName("subscribe")
    record Subscribe(@JsonProperty("topic") String topic) implements ClientMessage {
    }

    /** {@code {"type": "unsubscribe", "topic": "signal:vcp"}} */
    @JsonTypeName("unsubscribe")
    record Unsubscribe(@JsonProperty("topic") String topic) implements ClientMessage {
    }

    /** {@code {"type": "ping"}} */
    @JsonTypeName("ping")
    record Ping() implements ClientMessage {
    }

    /** {@code {"type": "pong"}}: the dashboard's keep-alive; accepted without a reply. */
    @JsonTypeName("pong")
    record Pong() implements ClientMessage {
    }
}
