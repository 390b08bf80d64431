package imps.app;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;

import java.util.Map;

/** The session contract over HTTP in XML, CSP 1.1 (Wireless Village), woken up over standalone TCP. */
class HttpXml11StcpContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() {
        TestNode node = contractNode(Map.of());
        return new Deployment(node, HttpBinding.to(node, CspSyntax.XML, CspVersion.V1_1), new StcpChannel());
    }
}
