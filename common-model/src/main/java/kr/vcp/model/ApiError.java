package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of every 4xx: a code to branch on, a sentence for a person and, for a bad request, each field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message,
        @JsonProperty("violations") List<Violation> violations) {

    public record Violation(@JsonProperty("field") String field, @JsonProperty("message") String message) {
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }

    /** What the HTTP layer itself refuses (no such path, method or content type, ...), in the same body as the rest. */
    public static ApiError forStatus(int status, String message) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return of(code, message);
    }

    /** A bad request: its message names every field at fault, as "field: why; field: why". */
    public static ApiError invalid(String error, List<Violation> violations) {
        return new ApiError(error, summary(violations), List.copyOf(violations));
    }

    public static String summary(List<Violation> violations) {
        return String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
    }
}
