package imps.bench.jmh;

import imps.codec.DecodeException;
import imps.codec.pts.PtsDecoder;
import imps.codec.pts.PtsEncoder;
import imps.codec.pts.PtsLimits;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The plain-text syntax of the SMS bearer against the XML codec on the same primitives: decoding
 * what a phone sends (Login-Request, KeepAlive-Request, SendMessage-Request) and encoding what the
 * gateway sends (KeepAlive-Response, NewMessage, PresenceNotification-Request). The messages are the
 * recorded and worked-example XML, decoded once and re-encoded as PTS, so both codecs carry the same
 * tree; the XML codec of the same tree is the baseline of each ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PtsCodecBench {
    @Param({"Login-Request", "KeepAlive-Request", "SendMessage-Request", "KeepAlive-Response", "NewMessage",
            "PresenceNotification-Request"})
    public String primitive;

    private final PtsDecoder ptsDecoder = new PtsDecoder(PtsLimits.DEFAULT);
    private final PtsEncoder ptsEncoder = new PtsEncoder();
    private final XmlDecoder xmlDecoder = new XmlDecoder(XmlLimits.DEFAULT);
    private final XmlEncoder xmlEncoder = new XmlEncoder();
    private CspMessage message;
    private byte[] pts;
    private byte[] xml;

    @Setup
    public void setUp() throws DecodeException {
        message = switch (primitive) {
            case "Login-Request" -> Inputs.decode(Inputs.request("csp1.2-2way/0001-A-C2S-Login-Request.http"));
            case "KeepAlive-Request" -> Inputs.decode(Inputs.request("csp1.2-2way/0011-A-C2S-KeepAlive-Request.http"));
            case "SendMessage-Request" -> Inputs.decode(
                    Inputs.request("scenarios-csp1.2_message-stcp/0029-A-C2S-SendMessage-Request.http"));
            case "KeepAlive-Response" -> Inputs.decode(Inputs.example("A5-02-s2c.xml"));
            case "NewMessage" -> Inputs.decode(Inputs.example("A6-02-s2c.xml"));
            case "PresenceNotification-Request" -> Inputs.presenceNotification();
            default -> throw new IllegalArgumentException(primitive);
        };
        if (!message.first().primitiveName().equals(primitive)) {
            throw new IllegalStateException("input is not a " + primitive);
        }
        pts = ptsEncoder.encode(message);
        xml = xmlEncoder.encode(message);
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
    public CspMessage xmlDecode() throws DecodeException {
        return xmlDecoder.decode(xml);
    }

    @Benchmark
    public byte[] ptsEncode() {
        return ptsEncoder.encode(message);
    }

    @Benchmark
    public byte[] xmlEncode() {
        return xmlEncoder.encode(message);
    }
}
