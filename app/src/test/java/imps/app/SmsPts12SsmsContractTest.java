package imps.app;

import imps.protocol.CspVersion;
import imps.transport.sms.smpp.SmscSimulator;

/** The session contract over SMS in the plain-text syntax, CSP 1.2, through the test SMSC, woken up by SMS. */
class SmsPts12SsmsContractTest extends CspSessionContract {
    @Override
    protected Deployment deploy() throws Exception {
        SmscSimulator smsc = SmscSimulator.start("imps", "secret");
        TestNode node = contractNode(smsc);
        return new Deployment(node, new SmsBinding(smsc, CspVersion.V1_2), new SsmsChannel(smsc), smsc);
    }
}
