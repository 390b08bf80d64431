package imps.protocol;

/**
 * A transaction that was understood but failed. It carries the Result to send; {@link StatusRules}
 * decides whether it travels in the specific response or in a Status primitive.
 */
public class CspException extends RuntimeException {
    private final transient Result result;

    public CspException(Result result) {
        super(result.status().code() + " " + result.description(), null, false, false);
        this.result = result;
    }

    public CspException(StatusCode status) {
        this(Result.of(status));
    }

    public CspException(StatusCode status, String description) {
        this(Result.of(status, description));
    }

    public Result result() {
        return result;
    }

    public StatusCode status() {
        return result.status();
    }
}
