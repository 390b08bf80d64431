package imps.tls;

/**
 * TLS on one listening port: the certificate chain (leaf first) and its unencrypted private key, in
 * PEM files. They are read again when their content changes (a renewed certificate, a Kubernetes
 * Secret updated in place) without a restart. Only TLS 1.2 and 1.3 are spoken (docs/security.md, "TLS").
 */
public record TlsFiles(boolean enabled, String certFile, String keyFile) {
}
