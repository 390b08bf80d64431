package imps.bench.jmh;

import imps.codec.CspSyntax;
import imps.bus.Bearer;
import imps.bus.CspMessageCodec;
import imps.bus.InboundMessage;

import io.vertx.core.buffer.Buffer;
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
 * The clustered event bus's form of a request on its way to a session owner on another node:
 * {@link CspMessageCodec} writing an {@link InboundMessage} to a Buffer ({@code encode}) and reading
 * it back ({@code roundTrip}). The baseline {@code bufferCopy} moves the same number of bytes into a
 * fresh Buffer and out again, which is all a codec of that size could cost if it did no work per
 * field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EventBusCodecBench {
    @Param({"KeepAlive-Request", "SendMessage-Request"})
    public String primitive;

    private final CspMessageCodec<InboundMessage> codec = CspMessageCodec.inbound();
    private InboundMessage message;
    private byte[] wire;

    @Setup
    public void setUp() {
        byte[] xml = switch (primitive) {
            case "KeepAlive-Request" -> Inputs.request("csp1.2-2way/0011-A-C2S-KeepAlive-Request.http");
            case "SendMessage-Request" -> Inputs.request("scenarios-csp1.2_message-stcp/0029-A-C2S-SendMessage-Request.http");
            default -> throw new IllegalArgumentException(primitive);
        };
        message = new InboundMessage(Inputs.decode(xml), Bearer.http("127.0.0.1:53124", "127.0.0.1:8080", CspSyntax.XML));
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, message);
        wire = buffer.getBytes();
        if (!codec.decodeFromWire(0, buffer).equals(message)) {
            throw new IllegalStateException("the codec does not round-trip " + primitive);
        }
        System.out.printf("%n%s: %d bytes on the event bus, %d bytes of XML%n", primitive, wire.length, xml.length);
    }

    @Benchmark
    public Buffer encode() {
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, message);
        return buffer;
    }

    @Benchmark
    public InboundMessage roundTrip() {
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, message);
        return codec.decodeFromWire(0, buffer);
    }

    @Benchmark
    public byte[] bufferCopy() {
        return Buffer.buffer(wire.length).appendBytes(wire).getBytes();
    }
}
