package imps.transport.http;

import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlLimits;

/** What the HTTP bearer needs to know: where to listen, which path is the SAP URL, and its bounds. */
public record HttpTransportOptions(String host, int port, String path, int maxBodyBytes, int idleTimeoutSeconds,
                                   XmlLimits xmlLimits, WbxmlLimits wbxmlLimits) {
}
