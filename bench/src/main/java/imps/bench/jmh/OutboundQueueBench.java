package imps.bench.jmh;

import imps.protocol.Element;
import imps.session.OutboundQueue;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One delivery through a session's queue as the relay does it: a NewMessage is queued (DELIVER), handed
 * out (Polling-Request) and acknowledged (MessageDelivered with the server's Transaction-ID). The
 * baseline is the same element through a bare ArrayDeque: the floor of any FIFO.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class OutboundQueueBench {
    /** The default {@code session.maxQueuedPrimitives}. */
    private static final int LIMIT = 200;
    private static final OutboundQueue.Retransmission RETRANSMISSION = new OutboundQueue.Retransmission(60_000_000_000L, 3);

    private final OutboundQueue queue = new OutboundQueue();
    private final ArrayDeque<Element> deque = new ArrayDeque<>(2);
    private Element newMessage;

    @Setup
    public void setUp() {
        newMessage = Inputs.decode(Inputs.example("A6-02-s2c.xml")).first().primitive();
    }

    @Benchmark
    public OutboundQueue.ServerTransaction offerNextAcknowledge() {
        if (!queue.offer(newMessage, true, null, true, LIMIT)) {
            throw new IllegalStateException("queue full");
        }
        OutboundQueue.ServerTransaction t = queue.next(0, "http", RETRANSMISSION);
        if (queue.answer(t.transactionId()).answer() != OutboundQueue.Answer.SETTLED) {
            throw new IllegalStateException("not acknowledged");
        }
        return t;
    }

    @Benchmark
    public Element arrayDeque() {
        deque.addLast(newMessage);
        return deque.pollFirst();
    }
}
