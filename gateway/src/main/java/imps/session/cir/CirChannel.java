package imps.session.cir;

/**
 * How a wake-up reaches a client over one CIR method: the owner of the session hands the line and the
 * session's binding to the channel of the binding's method ({@link CirChannels}); the channel knows
 * which node, bearer or socket carries it. A channel that holds nothing per client ignores a close.
 */
public interface CirChannel {
    void wake(CirBinding binding, String line);

    default void close(CirBinding binding) {
    }
}
