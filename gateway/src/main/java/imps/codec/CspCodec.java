package imps.codec;

import imps.protocol.CspMessage;

/**
 * One syntax's codec: bytes from a bearer to the syntax-neutral {@link CspMessage} and back. Decoding
 * is bounded by the codec's limits and fails only with a {@link DecodeException} that tells whether
 * the bytes were CSP at all and carries what could be read for the answer. Encoding writes the
 * message in its own version.
 */
public interface CspCodec {
    CspSyntax syntax();

    CspMessage decode(byte[] bytes) throws DecodeException;

    byte[] encode(CspMessage message);
}
