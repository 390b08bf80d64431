package imps.app;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;

import java.util.Map;

/**
 * The session contract over HTTP in WBXML, CSP 1.3, for a client woken up by a UDP datagram to the
 * port it offered.
 */
class HttpWbxml13SudpContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() {
        TestNode node = contractNode(Map.of());
        return new Deployment(node, HttpBinding.to(node, CspSyntax.WBXML, CspVersion.V1_3), new SudpChannel());
    }
}
