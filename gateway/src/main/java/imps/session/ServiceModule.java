package imps.session;

import imps.session.transaction.InbandTransaction;

import java.util.List;

/**
 * One service (presence, IM, contact lists, …) as the session core sees it: the transactions it
 * handles, what it does on session events, and the function leaves it serves without a request
 * primitive of their own (pushes such as NEWM), which service negotiation must also announce.
 */
public interface ServiceModule extends SessionEvents {
    List<InbandTransaction> transactions();

    default List<String> pushLeaves() {
        return List.of();
    }

    /** Builds the services once the core can give them a way to reach sessions. */
    @FunctionalInterface
    interface Factory {
        List<ServiceModule> create(Delivery delivery);
    }
}
