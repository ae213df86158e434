package kr.vcp.scanner.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import kr.vcp.model.ApiError;

/**
 * Checks a request body's constraints (Bean Validation annotations on its record) and refuses it with every
 * violation at once, each named by its JSON field and in the record's order, in the body every 400 of ours has.
 */
@ApplicationScoped
public class RequestValidation {

    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** {@code request} itself when valid; otherwise throws {@link InvalidRequestException}. */
    public <T extends Record> T check(T request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<RecordComponent> order = Arrays.asList(request.getClass().getRecordComponents());
        throw new InvalidRequestException("invalid_request", violations.stream()
                .sorted(Comparator.comparingInt((ConstraintViolation<T> v) -> order.indexOf(order.stream()
                        .filter(c -> c.getName().equals(v.getPropertyPath().toString())).findFirst().orElse(null))))
                .map(v -> new ApiError.Violation(jsonName(request.getClass(), v.getPropertyPath().toString()),
                        v.getMessage() + "; was " + shown(v.getInvalidValue())))
                .toList());
    }

    /** The field's name in JSON: its {@code @JsonProperty}, else its own. */
    private static String jsonName(Class<?> type, String component) {
        try {
            JsonProperty property = type.getDeclaredField(component).getAnnotation(JsonProperty.class);
            return property == null ? component : property.value();
        } catch (NoSuchFieldException e) {
            return component;
        }
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
