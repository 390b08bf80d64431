package imps.app;

import imps.app.CspBinding.Device;
import imps.protocol.Element;
import imps.transport.sms.smpp.SmscSimulator;

import java.time.Duration;

/**
 * SMS CIR (OMA-TS-IMPS_CSP_Transport, SSMS): the gateway sends {@code WVCI} as a text SMS to the
 * CIR port of the client's phone, found from the SMS the client sends or from the MSISDN of its
 * ClientID, which is therefore what the device presents. The phone is read at the test SMSC.
 */
final class SsmsChannel implements ClientCirChannel {
    private static final Duration QUIET = Duration.ofMillis(700);

    private final SmscSimulator smsc;

    SsmsChannel(SmscSimulator smsc) {
        this.smsc = smsc;
    }

    @Override
    public String method() {
        return "SSMS";
    }

    @Override
    public Element clientId(Device device) {
        return Element.of("ClientID", Element.leaf("MSISDN", device.msisdn()));
    }

    @Override
    public WakeUps open(Device device, String sessionId, Element agreed) {
        SmsPhone phone = new SmsPhone(smsc, device.msisdn(), SmsBinding.GATEWAY_NUMBER);
        return new WakeUps() {
            @Override
            public String awaitWakeUp() {
                return phone.receiveCir();
            }

            @Override
            public void assertQuiet() {
                phone.expectNothing(SmsPhone.CIR_PORT, QUIET);
            }
        };
    }
}
