package imps.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The 4-way login digest (OMA-TS-IMPS_CSP, 4-way access control): Base64(H(nonce || password)), nonce first, one
 * byte per character (ISO-8859-1), H = MD5 for "MD5" and SHA-1 for "SHA" (clients also write "SHA-1").
 */
public final class PasswordDigest {
    private PasswordDigest() {
    }

    /** The scheme name as the gateway announces it, or null when the scheme is not supported. */
    public static String normalizeSchema(String schema) {
        if (schema == null) {
            return null;
        }
        return switch (schema.trim().toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA", "SHA-1", "SHA1" -> "SHA";
            default -> null;
        };
    }

    public static String digest(String schema, String nonce, String password) {
        String algorithm = "SHA".equals(normalizeSchema(schema)) ? "SHA-1" : "MD5";
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(nonce.getBytes(StandardCharsets.ISO_8859_1));
            md.update(password.getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JVM", e);
        }
    }

    /** Constant-time comparison of the client's DigestBytes with the expected value. */
    public static boolean matches(String schema, String nonce, String password, String digestBytes) {
        if (digestBytes == null) {
            return false;
        }
        byte[] expected = digest(schema, nonce, password).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = digestBytes.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
