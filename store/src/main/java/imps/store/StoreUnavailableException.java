package imps.store;

/**
 * The subscriber store cannot be reached, or did not answer in time. Nothing was changed by the
 * operation that failed; the caller answers CSP 503 and the client tries again.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
