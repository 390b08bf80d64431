package imps.transport.http;

import imps.codec.CspSyntax;
import imps.protocol.CspVersion;

import java.util.Locale;

/**
 * The content types of the HTTP binding (OMA-TS-IMPS_CSP_Transport, HTTP binding). XML is accepted in
 * its 1.1/1.2 and 1.3 forms and as generic XML; a request without a Content-Type is read as XML (some
 * proxies drop the header); WBXML in its 1.1/1.2 and 1.3 forms.
 */
enum CspMediaType {
    XML(CspSyntax.XML), WBXML(CspSyntax.WBXML), OTHER(null);

    private final CspSyntax syntax;

    CspMediaType(CspSyntax syntax) {
        this.syntax = syntax;
    }

    /** The syntax of a CSP media type; null for OTHER. */
    CspSyntax syntax() {
        return syntax;
    }

    /**
     * The CSP version a media type ({@link #mediaType}) implies, for answering a message that declares none
     * the gateway speaks: the {@code +xml}/{@code +wbxml} types are CSP 1.3's, the others 1.1/1.2's,
     * answered as 1.2.
     */
    static CspVersion impliedVersion(String mediaType) {
        return mediaType.startsWith("application/vnd.wv.csp+") ? CspVersion.V1_3 : CspVersion.V1_2;
    }

    /** What a media type ({@link #mediaType}) is. */
    static CspMediaType of(String mediaType) {
        return switch (mediaType) {
            case "", "application/vnd.wv.csp.xml", "application/vnd.wv.csp+xml", "text/xml", "application/xml" -> XML;
            case "application/vnd.wv.csp.wbxml", "application/vnd.wv.csp+wbxml" -> WBXML;
            default -> OTHER;
        };
    }

    /** The media type of a Content-Type header without parameters, lower case; empty when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
