package imps.codec.wbxml;

import imps.codec.CspEnvelope;
import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.Element;

/**
 * Decodes CSP WBXML (CSP 1.1, 1.2, 1.3; docs/wbxml.md) into the same {@link CspMessage} the XML
 * decoder gives for the equivalent XML: the same element names, text trimmed the same way, the
 * envelope read by {@link CspEnvelope}, the same {@link DecodeException} kinds with the same echo of
 * version, Session-ID and Transaction-ID for a Status 400.
 *
 * <p>The version comes from the xmlns on WV-CSP-Message when there is one, otherwise from the public
 * identifier of the header, numeric (0x10, 0x11, 0x12) or a string in the string table. Whatever the
 * input, the result is a message or a DecodeException, within the {@link WbxmlLimits}.
 */
public final class WbxmlDecoder {
    private final WbxmlLimits limits;

    public WbxmlDecoder(WbxmlLimits limits) {
        this.limits = limits;
    }

    public CspMessage decode(byte[] body) throws DecodeException {
        if (body == null || body.length == 0) {
            throw new DecodeException(Kind.NOT_CSP, "empty body", null, null, null);
        }
        DecodeContext context = new DecodeContext();
        Element root;
        try {
            root = new WbxmlParser(body, limits, context).document();
        } catch (WbxmlSyntaxException e) {
            throw context.failure("WBXML not understood: " + e.getMessage());
        } catch (RuntimeException e) {
            // a safety net: the caller must get a Status 400, never a crash, whatever the input
            throw context.failure("WBXML not understood: " + e.getClass().getSimpleName());
        }
        context.checkVersion();
        return CspEnvelope.read(context.version(), root, context::failure);
    }
}
