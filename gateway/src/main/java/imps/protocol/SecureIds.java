package imps.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session-IDs and login nonces: 128 bits from a CSPRNG, URL-safe Base64 without padding
 * (22 characters, well inside what clients store; docs/conformance.md, CR 003 §5.3 ¶3).
 */
public final class SecureIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecureIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
