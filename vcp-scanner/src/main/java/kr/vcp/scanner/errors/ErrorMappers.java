package kr.vcp.scanner.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import kr.vcp.model.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns what went wrong into a status and an {@link ApiError} body. */
public class ErrorMappers {

    /** Each feature's refusal: unknown ticker 404, a running scan 409, no market data 422, ... */
    @ServerExceptionMapper
    public Response refusedRequest(RefusedException e) {
        return json(e.status(), ApiError.of(e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(400, e.toError());
    }

    /** A body of the wrong shape: a field of the wrong type, an unknown field, not an object. */
    @ServerExceptionMapper
    public Response unreadableBody(MismatchedInputException e) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return json(400, ApiError.invalid("malformed_json", List.of(new ApiError.Violation("body",
                    "not valid JSON: more follows the value"))));
        }
        String field = e.getPath().isEmpty() ? "body" : e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String why;
        if (e instanceof UnrecognizedPropertyException u) {
            why = "unknown field; the fields are " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
        } else if (e.getPath().isEmpty()) {
            why = "must be a JSON object";
        } else {
            why = "must be " + expected(e.getTargetType()) + (e instanceof InvalidFormatException f
                    ? "; was " + (f.getValue() instanceof String text ? "\"" + text + "\"" : f.getValue()) : "");
        }
        return json(400, ApiError.invalid("invalid_request", List.of(new ApiError.Violation(field, why))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return json(400, ApiError.invalid("malformed_json", List.of(new ApiError.Violation("body",
                "not valid JSON: " + e.getOriginalMessage()))));
    }

    /** What JAX-RS itself refuses (no such path, method or content type) in the same body as the rest. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        // The JSON reader wraps what it could not parse, at some depth.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return unreadableBody(mismatch);
            }
        }
        int status = e.getResponse().getStatus();
        return json(status, ApiError.forStatus(status, e.getMessage()));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "an integer";
        }
        if (type == java.time.LocalDate.class) {
            return "a date like \"2025-06-17\"";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
