package imps.app;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;

import java.util.Map;

/** The session contract over HTTP in XML, CSP 1.3, woken up over standalone HTTP. */
class HttpXml13ShttpContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() {
        TestNode node = contractNode(Map.of());
        return new Deployment(node, HttpBinding.to(node, CspSyntax.XML, CspVersion.V1_3), new ShttpChannel());
    }
}
