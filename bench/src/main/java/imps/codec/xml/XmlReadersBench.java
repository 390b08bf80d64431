package imps.codec.xml;

import imps.bench.jmh.Inputs;
import imps.codec.DecodeException;
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
 * The XML decoder's two readers on the same bytes, each building the element tree through the same
 * {@link TreeBuilder}: {@code plainReader} ({@link PlainXmlReader}, what the decoder uses for the XML real
 * clients send) against {@code staxReader} (the StAX path it falls back to, which was the only reader
 * before). In the package of the readers because both are package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class XmlReadersBench {
    /** The inputs of {@code XmlDecodeBench} ({@link Inputs#decodeInput}). */
    @Param({"Login-Request", "KeepAlive-Request", "Polling-Request", "SendMessage-Request",
            "PresenceNotification-Request"})
    public String primitive;

    private byte[] xml;

    @Setup
    public void setUp() throws DecodeException {
        xml = Inputs.decodeInput(primitive);
        if (!plainReader().root().equals(staxReader().root())) {
            throw new IllegalStateException("the readers disagree on " + primitive);
        }
    }

    @Benchmark
    public TreeBuilder plainReader() throws DecodeException {
        TreeBuilder tree = new TreeBuilder(XmlLimits.DEFAULT);
        if (!PlainXmlReader.read(xml, tree)) {
            throw new IllegalStateException("the plain reader gave up on " + primitive);
        }
        return tree;
    }

    @Benchmark
    public TreeBuilder staxReader() throws DecodeException {
        TreeBuilder tree = new TreeBuilder(XmlLimits.DEFAULT);
        XmlDecoder.readWithStax(xml, tree);
        return tree;
    }
}
