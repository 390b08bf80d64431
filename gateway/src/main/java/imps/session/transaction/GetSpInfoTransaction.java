package imps.session.transaction;

import imps.config.GatewayConfig;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import io.vertx.core.Future;

/**
 * GetSPInfo-Request (OMA-TS-IMPS_CSP, GetSPInfo transaction): the service provider's name, description and URL.
 * Allowed inband and outband; it is the FundamentalFeat/ServiceFunc/GETSPI leaf.
 */
public final class GetSpInfoTransaction implements InbandTransaction {
    private final GatewayConfig.ServiceProvider provider;

    public GetSpInfoTransaction(GatewayConfig.ServiceProvider provider) {
        this.provider = provider;
    }

    @Override
    public PrimitiveType type() {
        return PrimitiveType.GET_SP_INFO;
    }

    @Override
    public Future<Element> handle(TransactionContext tx) {
        return Future.succeededFuture(response(tx.request()));
    }

    /** GetSPInfo-Response = (ClientID?, Name, Logo?, Description?, URL?). */
    public Element response(Element request) {
        return Element.builder("GetSPInfo-Response")
                .add(request.child("ClientID"))
                .leaf("Name", provider.name())
                .leaf("Description", provider.description())
                .leaf("URL", provider.url())
                .build();
    }
}
