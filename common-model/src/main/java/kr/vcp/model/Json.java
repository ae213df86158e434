package kr.vcp.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/** The one JSON configuration of every message and event, applied to the services' own mappers too. */
public final class Json {

    /** Ready to use where no framework mapper is at hand (Kafka payloads, tests, tools). Thread-safe. */
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** {@code value} as JSON text; our records always serialise, so a failure is a bug and is thrown unchecked. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code text} as a JSON tree; null when it is not JSON (an error page of a proxy, say). */
    public static JsonNode treeOrNull(String text) {
        try {
            return text == null ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Dates as ISO-8601 text, unknown fields ignored (newer producers may add some), and a document is one value:
     * {@code {} x} is malformed, not {@code {}}.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
