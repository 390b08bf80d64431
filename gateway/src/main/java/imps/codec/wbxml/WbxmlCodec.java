package imps.codec.wbxml;

import imps.codec.CspCodec;
import imps.codec.CspSyntax;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;

/** The WBXML codec: {@link WbxmlDecoder} within its limits, {@link WbxmlEncoder}. */
public final class WbxmlCodec implements CspCodec {
    private final WbxmlDecoder decoder;
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    public WbxmlCodec(WbxmlLimits limits) {
        this.decoder = new WbxmlDecoder(limits);
    }

    @Override
    public CspSyntax syntax() {
        return CspSyntax.WBXML;
    }

    @Override
    public CspMessage decode(byte[] bytes) throws DecodeException {
        return decoder.decode(bytes);
    }

    @Override
    public byte[] encode(CspMessage message) {
        return encoder.encode(message);
    }
}
