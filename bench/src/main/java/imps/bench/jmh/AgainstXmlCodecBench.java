package imps.bench.jmh;

import imps.codec.DecodeException;
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

import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks of another CSP syntax share: the six primitives of {@link Inputs#primitive},
 * three a phone sends and three the gateway sends, and the XML codec on the same tree as the baseline
 * of each ratio, measured in the same run. A subclass encodes the message in its syntax in
 * {@link #encodeInSyntax()} and adds its own decode and encode benchmarks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public abstract class AgainstXmlCodecBench {
    @Param({"Login-Request", "KeepAlive-Request", "SendMessage-Request", "KeepAlive-Response", "NewMessage",
            "PresenceNotification-Request"})
    public String primitive;

    protected final XmlDecoder xmlDecoder = new XmlDecoder(XmlLimits.DEFAULT);
    private final XmlEncoder xmlEncoder = new XmlEncoder();
    protected CspMessage message;
    protected byte[] xml;

    @Setup
    public void setUp() throws DecodeException {
        message = Inputs.primitive(primitive);
        xml = xmlEncoder.encode(message);
        encodeInSyntax();
    }

    /** Encodes {@link #message} in the syntax under test, checks that it carries the primitive and prints its size. */
    protected abstract void encodeInSyntax() throws DecodeException;

    @Benchmark
    public CspMessage xmlDecode() throws DecodeException {
        return xmlDecoder.decode(xml);
    }

    @Benchmark
    public byte[] xmlEncode() {
        return xmlEncoder.encode(message);
    }
}
