package kr.vcp.scanner.errors;

import kr.vcp.model.Krx;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import kr.vcp.model.ApiError;
import kr.vcp.model.Market;
import kr.vcp.model.MarketScope;

/**
 * Query and path parameters read from their text, each refused with a 400 naming it. JAX-RS would answer a query
 * parameter it cannot convert with a 404, which the dashboard shows as "not found": so they arrive as strings.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code value} as an integer in {@code min..max}; {@code fallback} when absent. */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number from " + min + " to " + max + "; was '" + value + "'");
        }
        if (n < min || n > max) {
            throw invalid(name, "must be from " + min + " to " + max + "; was " + n);
        }
        return n;
    }

    /** A date like 2025-06-17; null when absent. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a date like 2025-06-17; was '" + value + "'");
        }
    }

    /** A KRX code, leading zeros restored ({@code 5930} is {@code 005930}). */
    public static String ticker(String name, String value) {
        try {
            return Krx.ticker(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** One of {@code allowed}, case-insensitive; {@code fallback} when absent. */
    public static String oneOf(String name, String value, String fallback, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst()
                .orElseThrow(() -> invalid(name, "must be one of " + String.join(", ", allowed) + "; was '" + value + "'"));
    }

    /** The markets {@code value} names: KOSPI or KOSDAQ, both when absent or ALL. */
    public static Set<Market> markets(String name, String value) {
        return MarketScope.of(oneOf(name, value, "ALL", List.of("KOSPI", "KOSDAQ", "ALL"))).markets();
    }

    public static InvalidRequestException invalid(String name, String message) {
        return new InvalidRequestException("invalid_request", List.of(new ApiError.Violation(name, message)));
    }
}
