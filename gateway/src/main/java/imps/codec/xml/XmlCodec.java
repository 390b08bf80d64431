package imps.codec.xml;

import imps.codec.CspCodec;
import imps.codec.CspSyntax;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;

/** The XML codec: {@link XmlDecoder} within its limits, {@link XmlEncoder}. */
public final class XmlCodec implements CspCodec {
    private final XmlDecoder decoder;
    private final XmlEncoder encoder = new XmlEncoder();

    public XmlCodec(XmlLimits limits) {
        this.decoder = new XmlDecoder(limits);
    }

    @Override
    public CspSyntax syntax() {
        return CspSyntax.XML;
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
