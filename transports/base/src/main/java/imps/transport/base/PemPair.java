package imps.transport.base;

import imps.tls.TlsFiles;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A certificate chain and its private key in PEM, as read from a listener's files at one moment.
 * Equal content, equal pair: what tells a reload that nothing changed.
 */
record PemPair(String listener, Buffer cert, Buffer key) {
    private static final byte[] PROBE = "imps tls key check".getBytes(StandardCharsets.US_ASCII);

    static PemPair read(String listener, TlsFiles tls) {
        return new PemPair(listener, file(listener, "certFile", tls.certFile()), file(listener, "keyFile", tls.keyFile()));
    }

    private static Buffer file(String listener, String key, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(listener + ".tls." + key + " is not set");
        }
        try {
            return Buffer.buffer(Files.readAllBytes(Path.of(path)));
        } catch (IOException e) {
            throw new IllegalArgumentException(listener + ".tls." + key + ": cannot read " + path + " (" + e + ")", e);
        }
    }

    PemKeyCertOptions keyCert() {
        return new PemKeyCertOptions().setCertValue(cert).setKeyValue(key);
    }

    /**
     * Fails with an explanation unless the files parse and the key belongs to the first certificate
     * (checked by signing with the one and verifying with the other).
     */
    void check(Vertx vertx) {
        X509KeyManager keys;
        try {
            KeyManager[] managers = keyCert().getKeyManagerFactory(vertx).getKeyManagers();
            keys = (X509KeyManager) managers[0];
        } catch (Exception e) {
            throw new IllegalArgumentException(listener + ".tls: the certificate or key file does not load: " + e.getMessage(), e);
        }
        for (String type : new String[] {"RSA", "EC", "EdDSA"}) {
            String[] aliases = keys.getServerAliases(type, null);
            if (aliases == null) {
                continue;
            }
            for (String alias : aliases) {
                if (!belongTogether(keys.getPrivateKey(alias), keys.getCertificateChain(alias))) {
                    throw new IllegalArgumentException(listener + ".tls: the key does not belong to the certificate");
                }
                return;
            }
        }
        throw new IllegalArgumentException(listener + ".tls: no RSA, EC or EdDSA key in the key file");
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate[] chain) {
        if (key == null || chain == null || chain.length == 0) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(chain[0].getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
