package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.primitive.ClientCapabilityRequest;
import imps.session.CapabilityNegotiation;
import imps.session.cir.CirOffer;
import imps.session.ClientCapabilities;
import io.vertx.core.Future;

import java.util.function.Function;

/** ClientCapability-Request: the agreed capabilities (CIR method and endpoint first of all) go into the context. */
public final class ClientCapabilityTransaction implements InbandTransaction {
    private final CapabilityNegotiation negotiation;
    private final Function<TransactionContext, CirOffer> cirOffer;

    /** @param cirOffer what CIR the gateway can offer this client, given the bearer it came over */
    public ClientCapabilityTransaction(CapabilityNegotiation negotiation, Function<TransactionContext, CirOffer> cirOffer) {
        this.negotiation = negotiation;
        this.cirOffer = cirOffer;
    }

    @Override
    public PrimitiveType type() {
        return PrimitiveType.CLIENT_CAPABILITY;
    }

    @Override
    public Future<Element> handle(TransactionContext tx) {
        ClientCapabilities agreed = negotiation.negotiate(tx.session(),
                ClientCapabilityRequest.of(tx.request()).capabilityList(), cirOffer.apply(tx), tx.bearer());
        tx.session().capabilityRequested(false);
        return Future.succeededFuture(negotiation.response(tx.session().version(), agreed, tx.session().clientId()));
    }
}
