package imps.transport.http;

import java.util.Locale;

/**
 * The content types of the HTTP binding (transports §2.1). XML is accepted in its 1.1/1.2 and 1.3
 * forms and as generic XML; WBXML is recognised but not yet served (HTTP 415).
 */
enum CspMediaType {
    XML, WBXML, OTHER;

    static CspMediaType of(String contentType) {
        String t = mediaType(contentType);
        return switch (t) {
            case "", "application/vnd.wv.csp.xml", "application/vnd.wv.csp+xml", "text/xml", "application/xml" -> XML;
            case "application/vnd.wv.csp.wbxml", "application/vnd.wv.csp+wbxml" -> WBXML;
            default -> OTHER;
        };
    }

    /** The media type without parameters, lower case; empty when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
