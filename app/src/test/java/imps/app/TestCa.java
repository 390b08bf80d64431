package imps.app;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test with the JDK's keytool: a CA, and server certificates it
 * signs for 127.0.0.1 and localhost, written as the PEM files a node is configured with (certificate
 * chain, PKCS#8 key). Clients trust the CA through {@link #sslContext()}.
 */
final class TestCa {
    private static final String PASSWORD = "changeit";
    private final Path dir;
    private final Path caStore;
    private final X509Certificate caCertificate;

    private TestCa(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=imps test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString(), "-storetype", "PKCS12");
        try {
            this.caCertificate = (X509Certificate) load(caStore).getCertificate("ca");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestCa create() {
        try {
            return new TestCa(Files.createTempDirectory("imps-ca"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate with common name {@code cn}, valid for 127.0.0.1 and localhost. */
    Pem issue(String cn) {
        Path store = dir.resolve(cn + ".p12");
        Path request = dir.resolve(cn + ".csr");
        Path signed = dir.resolve(cn + ".crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-infile", request.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth");
        try {
            PrivateKey key = (PrivateKey) load(store).getKey("server", PASSWORD.toCharArray());
            String chain = Files.readString(signed) + pem("CERTIFICATE", caCertificate.getEncoded());
            return new Pem(chain, pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts this CA only. */
    SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate chain and its key in PEM, as written to {@code certFile} and {@code keyFile}. */
    record Pem(String chain, String key) {
        void writeTo(Path certFile, Path keyFile) {
            try {
                // Written next to the target and moved over it, as a renewal tool (or the kubelet
                // updating a Secret) replaces a file: a reader never sees half of it.
                Path certTmp = Files.writeString(certFile.resolveSibling(certFile.getFileName() + ".new"), chain);
                Path keyTmp = Files.writeString(keyFile.resolveSibling(keyFile.getFileName() + ".new"), key);
                Files.move(keyTmp, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.move(certTmp, certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The common name of the leaf certificate. */
        String subject() {
            try {
                CertificateFactory f = CertificateFactory.getInstance("X.509");
                X509Certificate leaf = (X509Certificate) f.generateCertificate(
                        new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)));
                return leaf.getSubjectX500Principal().getName();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
