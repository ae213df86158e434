package kr.vcp.scanner.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;

/**
 * A JSON request body read field by field, so that every problem is reported with its field, all at once: read
 * the fields, then {@link #validate()}.
 */
public final class JsonBody {

    private final JsonNode json;
    private final List<ApiError.Violation> violations = new ArrayList<>();

    private JsonBody(JsonNode json) {
        this.json = json;
    }

    /** An object body (empty means {}), rejecting fields outside {@code allowed}. */
    public static JsonBody parse(String body, Set<String> allowed, String example) {
        if (body == null || body.isBlank()) {
            return new JsonBody(Json.MAPPER.createObjectNode());
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("malformed_json", List.of(new ApiError.Violation("body",
                    "not valid JSON: " + e.getOriginalMessage())));
        }
        if (!json.isObject()) {
            throw new InvalidRequestException("invalid_request", List.of(new ApiError.Violation("body",
                    "must be a JSON object like " + example)));
        }
        JsonBody read = new JsonBody(json);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                read.violations.add(new ApiError.Violation(name, "unknown field; the fields are "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return read;
    }

    public long integer(String field, long min, long max, long fallback) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max) {
            return value.asLong();
        }
        violations.add(new ApiError.Violation(field, "must be an integer from " + min + " to " + max + "; was " + value));
        return fallback;
    }

    /** One of {@code values}, case-insensitive; {@code fallback} when absent. */
    public <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.asText().trim())) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add("\"" + e.name() + "\"");
        }
        violations.add(new ApiError.Violation(field, "must be one of " + String.join(", ", names) + "; was " + value));
        return fallback;
    }

    public LocalDate date(String field, LocalDate fallback) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isTextual()) {
            try {
                return LocalDate.parse(value.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        violations.add(new ApiError.Violation(field, "must be a date like \"2025-06-17\"; was " + value));
        return fallback;
    }

    /** A required non-blank string. */
    public String text(String field) {
        JsonNode value = json.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            return value.asText();
        }
        violations.add(new ApiError.Violation(field, "is required: a non-empty string; was " + value));
        return null;
    }

    /** Throws every problem found so far as one 400. */
    public void validate() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid_request", violations);
        }
    }
}
