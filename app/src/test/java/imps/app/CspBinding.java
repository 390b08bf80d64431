package imps.app;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;

import java.util.Optional;

/**
 * How a client reaches the gateway in one run of {@link CspSessionContract}: a bearer, a syntax and
 * a CSP version. The contract builds syntax-neutral {@link CspMessage}s; a binding carries them the
 * way a real client of that kind would and brings back what the gateway answered.
 */
interface CspBinding {

    CspVersion version();

    /** The bearer as the client names it in SupportedBearer (HTTP, SMS). */
    String bearer();

    /**
     * Whether the syntax carries the Poll and CIR flags of the Session element; the plain-text
     * syntax has neither (docs/pts.md §1).
     */
    boolean carriesSessionFlags();

    /** A client device coming to the gateway over this binding, with its own connections and phone number. */
    Connection open(Device device);

    /** One client device's way to the gateway. */
    interface Connection {

        /**
         * Sends one message and returns the gateway's answer, or nothing when the gateway answers with
         * nothing (a Polling-Request with nothing to collect, a message of client answers alone).
         */
        Optional<CspMessage> exchange(CspMessage request);

        /** Sends bytes exactly as given, for inputs no encoder would write, and returns the answer they must get. */
        CspMessage exchangeRaw(byte[] body);

        /**
         * A KeepAlive-Request in this binding's syntax whose Session-ID and Transaction-ID can be read
         * but which the gateway's decoder cannot decode as a whole.
         */
        byte[] undecodable(String sessionId, String transactionId);

        /**
         * Drops whatever connection the bearer holds, as a client moving between networks does; the
         * next request arrives on a new one.
         */
        void dropBearer();
    }

    /** A client device: a name unique in its run and a phone number (its MSISDN) unique in its run. */
    record Device(String name, String msisdn) {
        String url() {
            return "http://contract.example.net/" + name;
        }

        String cookie() {
            return "cookie-" + name;
        }
    }
}
