package imps.session;

/** ACTIVE from a successful login; ENDED after logout, expiry or disconnect, while the context is retained. */
public enum SessionState {
    ACTIVE, ENDED
}
