package imps.codec.pts;

import imps.codec.CspCodec;
import imps.codec.CspSyntax;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;

/** The PTS codec: {@link PtsDecoder} within its limits, {@link PtsEncoder}. */
public final class PtsCodec implements CspCodec {
    private final PtsDecoder decoder;
    private final PtsEncoder encoder = new PtsEncoder();

    public PtsCodec(PtsLimits limits) {
        this.decoder = new PtsDecoder(limits);
    }

    @Override
    public CspSyntax syntax() {
        return CspSyntax.PTS;
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
