package imps.codec.wbxml;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;

/**
 * Writes a {@link CspMessage} as CSP WBXML in the message's version (docs/wbxml.md): WBXML 1.3, the
 * version's numeric public identifier (0x10, 0x11, 0x12), UTF-8, the same envelope and element order
 * as the XML encoder, xmlns on WV-CSP-Message, TransactionContent and PresenceSubList as attribute
 * start token plus the version inline. Integer and date elements go as OPAQUE, a text equal to a value
 * token as that token, other text inline; an element the version has no token for is written LITERAL
 * with its name in the string table.
 */
public final class WbxmlEncoder {

    public byte[] encode(CspMessage message) {
        CspVersion v = message.version();
        return new WbxmlWriter(CspVocabulary.of(v), CspTokens.publicId(v), v.cspNamespace(), v.trcNamespace(),
                v.paNamespace()).message(message, v.pollInTransactionDescriptor());
    }
}
