package kr.vcp.gateway.hub;

import kr.vcp.gateway.transport.EncodedText;
import kr.vcp.model.Json;
import kr.vcp.model.ServerMessage;

/**
 * A message for every subscriber of a topic, encoded once, the first time a client needs it (a topic's latest
 * message rebuilt from history is never encoded unless someone reads it).
 *
 * @param kafkaTimestamp when the record behind it reached Kafka, for the delivery lag; -1 for what is not live
 */
public final class TopicMessage {

    private final String topic;
    private final ServerMessage message;
    private final long kafkaTimestamp;
    /** The hub's order of publication; see {@link Hub#sendLatest}. */
    private final long sequence;
    private volatile EncodedText encoded;

    private TopicMessage(String topic, ServerMessage message, long kafkaTimestamp, long sequence) {
        this.topic = topic;
        this.message = message;
        this.kafkaTimestamp = kafkaTimestamp;
        this.sequence = sequence;
    }

    public static TopicMessage of(String topic, ServerMessage message, long kafkaTimestamp) {
        return new TopicMessage(topic, message, kafkaTimestamp, 0);
    }

    /** The same message published again at {@code sequence}; a resend is not live, so it has no lag. */
    TopicMessage at(long sequence, boolean live) {
        TopicMessage copy = new TopicMessage(topic, message, live ? kafkaTimestamp : -1, sequence);
        copy.encoded = encoded;
        return copy;
    }

    public String topic() {
        return topic;
    }

    public ServerMessage message() {
        return message;
    }

    long kafkaTimestamp() {
        return kafkaTimestamp;
    }

    long sequence() {
        return sequence;
    }

    /** The frame; encoded at most a few times over when threads race, once in practice. */
    EncodedText encoded() {
        EncodedText text = encoded;
        if (text == null) {
            text = EncodedText.of(Json.write(message));
            encoded = text;
        }
        return text;
    }
}
