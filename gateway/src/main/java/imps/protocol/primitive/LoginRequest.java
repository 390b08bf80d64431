package imps.protocol.primitive;

import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;

import java.util.List;

/**
 * Typed view of Login-Request (OMA-TS-IMPS_CSP-V1_3 §7.1). Elements are found by name, not position:
 * real clients put Password after SessionCookie. {@code sessionId} is the 1.3 recovery form (the
 * Session-ID as a child); {@code capabilityList}, {@code functions} and {@code allFunctionsRequest}
 * are the 1.3 piggy-backed negotiation; {@code systemMessageResponses} answers a 436.
 */
public record LoginRequest(String userId,
                           Element clientId,
                           String password,
                           String digestBytes,
                           List<String> digestSchemas,
                           Integer timeToLive,
                           String sessionCookie,
                           String sessionId,
                           Element capabilityList,
                           Element functions,
                           boolean allFunctionsRequest,
                           Element systemMessageResponses) {

    public static LoginRequest of(Element e) {
        if (e.childText("UserID") == null) {
            throw new MalformedPrimitive("Login-Request without UserID");
        }
        if (e.child("ClientID") == null) {
            throw new MalformedPrimitive("Login-Request without ClientID");
        }
        if (e.childText("SessionCookie") == null) {
            throw new MalformedPrimitive("Login-Request without SessionCookie");
        }
        return new LoginRequest(
                e.childText("UserID"),
                e.child("ClientID"),
                e.childText("Password"),
                e.childText("DigestBytes"),
                e.childTexts("DigestSchema"),
                Values.optionalInt(e, "TimeToLive"),
                e.childText("SessionCookie"),
                e.childText("SessionID"),
                e.child("CapabilityList"),
                e.child("Functions"),
                Values.flag(e, "AllFunctionsRequest"),
                e.child("SystemMessageResponseList"));
    }

    /** Round 1 of a 4-way login: schemes offered, neither password nor digest. */
    public boolean isChallengeRequest() {
        return password == null && digestBytes == null && !digestSchemas.isEmpty();
    }

    public boolean hasCredentials() {
        return password != null || digestBytes != null || !digestSchemas.isEmpty();
    }
}
