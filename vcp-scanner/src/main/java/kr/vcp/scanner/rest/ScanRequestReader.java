package kr.vcp.scanner.rest;

import kr.vcp.model.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kr.vcp.model.Json;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.service.MarketScope;
import kr.vcp.scanner.service.ScanCommand;

/**
 * Reads a {@code POST /scan} body field by field, so every problem is reported with the field it is in, all at
 * once: {@code {"market": "KOSPI"|"KOSDAQ"|"ALL", "top_n": 1..100, "min_score": 0..10, "as_of": "YYYY-MM-DD"}},
 * each optional.
 */
final class ScanRequestReader {

    static final String MARKET = "market";
    static final String TOP_N = "top_n";
    static final String MIN_SCORE = "min_score";
    static final String AS_OF = "as_of";
    private static final Set<String> FIELDS = Set.of(MARKET, TOP_N, MIN_SCORE, AS_OF);

    private ScanRequestReader() {
    }

    static ScanCommand read(String body, ScannerConfig.Scan defaults) {
        JsonNode json = parse(body);
        List<ApiError.Violation> violations = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new ApiError.Violation(name, "unknown field; the fields are market, top_n, min_score, as_of"));
            }
        }
        MarketScope scope = market(json.get(MARKET), violations);
        int topN = integer(json.get(TOP_N), TOP_N, 1, 100, defaults.defaultTopN(), violations);
        int minScore = integer(json.get(MIN_SCORE), MIN_SCORE, 0, 10, defaults.defaultMinScore(), violations);
        LocalDate asOf = date(json.get(AS_OF), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid_request", violations);
        }
        return new ScanCommand(scope, topN, minScore, asOf);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
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
                    "must be a JSON object like {\"market\": \"KOSPI\", \"top_n\": 5, \"min_score\": 7}")));
        }
        return json;
    }

    private static MarketScope market(JsonNode value, List<ApiError.Violation> violations) {
        if (value == null || value.isNull()) {
            return MarketScope.ALL;
        }
        if (value.isTextual()) {
            try {
                return MarketScope.valueOf(value.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        violations.add(new ApiError.Violation(MARKET, "must be one of \"KOSPI\", \"KOSDAQ\", \"ALL\"; was " + value));
        return null;
    }

    private static int integer(JsonNode value, String field, int min, int max, int fallback,
            List<ApiError.Violation> violations) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= min && value.asInt() <= max) {
            return value.asInt();
        }
        violations.add(new ApiError.Violation(field, "must be an integer from " + min + " to " + max + "; was " + value));
        return fallback;
    }

    private static LocalDate date(JsonNode value, List<ApiError.Violation> violations) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return LocalDate.parse(value.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        violations.add(new ApiError.Violation(AS_OF, "must be a date like \"2025-06-17\"; was " + value));
        return null;
    }
}
