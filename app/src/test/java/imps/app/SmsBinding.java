package imps.app;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.TransactionMode;
import imps.transport.sms.smpp.SmscSimulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * CSP in the plain-text syntax over SMS (docs/pts.md, docs/sms.md): each device is a phone sending
 * port-addressed data SMS through the test SMSC, which the gateway is bound to over SMPP.
 *
 * <p>SMS has no empty answer: where the gateway may answer nothing (a Polling-Request with nothing
 * to collect, a message of client answers alone), nothing arriving within {@link #QUIET} is taken
 * as the empty answer.
 */
final class SmsBinding implements CspBinding {
    static final String GATEWAY_NUMBER = "3590";
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration REBIND = Duration.ofSeconds(20);

    private final SmscSimulator smsc;
    private final CspVersion version;

    SmsBinding(SmscSimulator smsc, CspVersion version) {
        this.smsc = smsc;
        this.version = version;
    }

    /** IMPS_* settings binding a node's SMS bearer to {@code smsc}, re-binding within a second after a loss. */
    static Map<String, String> nodeEnv(SmscSimulator smsc) {
        return Map.of(
                "IMPS_SMS_ENABLED", "true",
                "IMPS_SMS_ADDRESS", GATEWAY_NUMBER,
                "IMPS_SMS_SMPP_HOST", smsc.host(),
                "IMPS_SMS_SMPP_PORT", Integer.toString(smsc.port()),
                "IMPS_SMS_SMPP_RECONNECT_MIN_SECONDS", "1",
                "IMPS_SMS_SMPP_RECONNECT_MAX_SECONDS", "1",
                "IMPS_SMS_CIR_MIN_INTERVAL_SECONDS", "1");
    }

    @Override
    public CspVersion version() {
        return version;
    }

    @Override
    public String bearer() {
        return "SMS";
    }

    @Override
    public boolean carriesSessionFlags() {
        return false;
    }

    @Override
    public Connection open(Device device) {
        return new SmsConnection(new SmsPhone(smsc, device.msisdn(), GATEWAY_NUMBER));
    }

    @Override
    public String toString() {
        return "SMS PTS " + version.label();
    }

    private final class SmsConnection implements Connection {
        private final SmsPhone phone;

        SmsConnection(SmsPhone phone) {
            this.phone = phone;
        }

        @Override
        public Optional<CspMessage> exchange(CspMessage request) {
            phone.send(request);
            boolean mayGoUnanswered = request.transactions().stream().allMatch(t -> t.mode() == TransactionMode.RESPONSE)
                    || request.first().primitiveName().equals("Polling-Request");
            return mayGoUnanswered ? phone.receiveWithin(QUIET) : Optional.of(phone.receive());
        }

        @Override
        public CspMessage exchangeRaw(byte[] body) {
            phone.send(body);
            return phone.receive();
        }

        @Override
        public byte[] undecodable(String sessionId, String transactionId) {
            // An unclosed group: the preamble and SI= are readable, the parameters are not.
            return ("WV" + version.label().replace(".", "") + "KA" + transactionId + " SI=" + sessionId + " TL=(600")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void dropBearer() {
            // The SMS bearer's connection is the gateway's SMPP bind: the SMSC drops it, the gateway binds again.
            int binds = smsc.binds();
            smsc.dropConnections();
            long deadline = System.nanoTime() + REBIND.toNanos();
            while (smsc.binds() == binds) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the gateway did not bind again within " + REBIND);
                }
                SmsPhone.pause();
            }
            smsc.awaitBound(REBIND);
        }
    }
}
