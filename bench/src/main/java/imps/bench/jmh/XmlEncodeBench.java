package imps.bench.jmh;

import imps.codec.xml.XmlEncoder;
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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * XML encoding of the primitives the gateway sends most, against two ways of producing the very same
 * bytes without walking a tree: {@code stringBuilderCopy} appends the finished document to a
 * StringBuilder and converts it to UTF-8, the encoder's own last two steps (so the ratio is the cost
 * of the tree walk and the escape checks); {@code byteCopy} copies the finished bytes (the floor of
 * handing out a fresh byte[]). The messages are the worked examples (KeepAlive-Response, Status,
 * NewMessage) as decoded by the gateway, and a PresenceNotification-Request built like the presence
 * service builds it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class XmlEncodeBench {
    @Param({"KeepAlive-Response", "Status", "NewMessage", "PresenceNotification-Request"})
    public String primitive;

    private final XmlEncoder encoder = new XmlEncoder();
    private CspMessage message;
    private String encodedText;
    private byte[] encoded;

    @Setup
    public void setUp() {
        message = switch (primitive) {
            case "KeepAlive-Response" -> Inputs.decode(Inputs.example("A5-02-s2c.xml"));
            case "Status" -> Inputs.decode(Inputs.example("A7-02-s2c.xml"));
            case "NewMessage" -> Inputs.decode(Inputs.example("A6-02-s2c.xml"));
            case "PresenceNotification-Request" -> Inputs.presenceNotification();
            default -> throw new IllegalArgumentException(primitive);
        };
        if (!message.first().primitiveName().equals(primitive)) {
            throw new IllegalStateException("input is not a " + primitive);
        }
        encoded = encoder.encode(message);
        encodedText = new String(encoded, StandardCharsets.UTF_8);
        System.out.printf("%n%s: %d bytes of XML%n", primitive, encoded.length);
    }

    @Benchmark
    public byte[] encoder() {
        return encoder.encode(message);
    }

    @Benchmark
    public byte[] stringBuilderCopy() {
        return new StringBuilder(512).append(encodedText).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] byteCopy() {
        return Arrays.copyOf(encoded, encoded.length);
    }
}
