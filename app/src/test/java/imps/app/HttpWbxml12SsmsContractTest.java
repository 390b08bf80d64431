package imps.app;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;
import imps.transport.sms.smpp.SmscSimulator;

/**
 * The session contract over HTTP in WBXML, CSP 1.2, for a handset woken up by SMS: the gateway finds
 * its phone from the MSISDN of its ClientID and sends the CIR through the test SMSC.
 */
class HttpWbxml12SsmsContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() throws Exception {
        SmscSimulator smsc = SmscSimulator.start("imps", "secret");
        TestNode node = contractNode(smsc);
        return new Deployment(node, HttpBinding.to(node, CspSyntax.WBXML, CspVersion.V1_2), new SsmsChannel(smsc), smsc);
    }
}
