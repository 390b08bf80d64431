package imps.bench.jmh;

import imps.codec.DecodeException;
import imps.codec.pts.PtsDecoder;
import imps.codec.pts.PtsEncoder;
import imps.codec.pts.PtsLimits;
import imps.protocol.CspMessage;
import org.openjdk.jmh.annotations.Benchmark;

import java.nio.charset.StandardCharsets;

/**
 * The plain-text syntax of the SMS bearer against the XML codec on the same primitives: decoding
 * what a phone sends (Login-Request, KeepAlive-Request, SendMessage-Request) and encoding what the
 * gateway sends (KeepAlive-Response, NewMessage, PresenceNotification-Request). The messages are the
 * recorded and worked-example XML, decoded once and re-encoded as PTS, so both codecs carry the same
 * tree; the XML codec of the same tree is the baseline of each ratio.
 */
public class PtsCodecBench extends AgainstXmlCodecBench {
    private final PtsDecoder ptsDecoder = new PtsDecoder(PtsLimits.DEFAULT);
    private final PtsEncoder ptsEncoder = new PtsEncoder();
    private byte[] pts;

    @Override
    protected void encodeInSyntax() throws DecodeException {
        pts = ptsEncoder.encode(message);
        if (!ptsDecoder.decode(pts).first().primitiveName().equals(primitive)) {
            throw new IllegalStateException("PTS does not carry the " + primitive);
        }
        System.out.printf("%n%s: %d bytes of PTS, %d bytes of XML: %s%n", primitive, pts.length, xml.length,
                new String(pts, StandardCharsets.UTF_8));
    }

    @Benchmark
    public CspMessage ptsDecode() throws DecodeException {
        return ptsDecoder.decode(pts);
    }

    @Benchmark
    public byte[] ptsEncode() {
        return ptsEncoder.encode(message);
    }
}
