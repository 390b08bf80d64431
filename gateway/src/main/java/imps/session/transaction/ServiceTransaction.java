package imps.session.transaction;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.primitive.ServiceRequest;
import imps.session.ServiceNegotiation;
import imps.session.SessionEvents;
import io.vertx.core.Future;

/** Service-Request: mandatory after login (OMA-TS-IMPS_CSP-V1_3 §7.1); the agreed leaves go into the context. */
public final class ServiceTransaction implements InbandTransaction {
    private final ServiceNegotiation negotiation;
    private final SessionEvents events;

    public ServiceTransaction(ServiceNegotiation negotiation, SessionEvents events) {
        this.negotiation = negotiation;
        this.events = events;
    }

    @Override
    public PrimitiveType type() {
        return PrimitiveType.SERVICE;
    }

    @Override
    public Future<Element> handle(TransactionContext tx) {
        ServiceRequest request = ServiceRequest.of(tx.request());
        CspVersion version = tx.session().version();
        ServiceNegotiation.Outcome outcome = negotiation.negotiate(version, request.functions(), request.allFunctionsRequest());
        tx.session().agreedFunctions(outcome.agreed());
        Element response = response(version, tx.session().clientId(), outcome);
        return events.servicesAgreed(tx.session()).map(v -> response);
    }

    /** Service-Response: 1.1 (ClientID, Functions?, AllFunctions?); 1.2 and 1.3 without ClientID. */
    public static Element response(CspVersion version, Element clientId, ServiceNegotiation.Outcome outcome) {
        Element.Builder b = Element.builder("Service-Response");
        if (version == CspVersion.V1_1) {
            b.add(clientId);
        }
        return b.add(outcome.deniedFunctions()).add(outcome.allFunctions()).build();
    }
}
