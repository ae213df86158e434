package kr.vcp.scanner.errors;

import java.util.List;
import kr.vcp.model.ApiError;

/** A request that cannot be acted on, with every reason found. */
public class InvalidRequestException extends RuntimeException {

    private final String code;
    private final List<ApiError.Violation> violations;

    public InvalidRequestException(String code, List<ApiError.Violation> violations) {
        super(ApiError.summary(violations));
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ApiError toError() {
        return ApiError.invalid(code, violations);
    }
}
