package kr.vcp.scanner.errors;

/**
 * A request refused for what it asks, not for how it is written: each feature's refusal names its status and code
 * here, so the one mapper of {@link ErrorMappers} answers every one in the same body.
 */
public abstract class RefusedException extends RuntimeException {

    private final int status;
    private final String code;

    protected RefusedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
