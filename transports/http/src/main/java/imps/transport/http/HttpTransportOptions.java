package imps.transport.http;

import imps.tls.TlsFiles;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlLimits;
import imps.config.GatewayConfig;

import java.util.List;

/**
 * What the HTTP bearer needs to know: where to listen, which path is the SAP URL, its bounds and
 * time-outs (GatewayConfig.Http), the proxies whose X-Forwarded-For it believes, and its TLS files.
 */
public record HttpTransportOptions(String host, int port, String path, int maxBodyBytes, int idleTimeoutSeconds,
                                   int bodyTimeoutSeconds, XmlLimits xmlLimits, WbxmlLimits wbxmlLimits,
                                   List<String> trustedProxies, TlsFiles tls) {
}
