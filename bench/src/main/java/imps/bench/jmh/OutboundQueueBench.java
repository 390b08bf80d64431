package imps.bench.jmh;

import imps.protocol.Element;
import imps.session.OutboundQueue;
import imps.session.QueueReplica;

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

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One delivery through a session's queue as the relay does it: a NewMessage is queued (DELIVER), handed
 * out (Polling-Request) and acknowledged (MessageDelivered with the server's Transaction-ID). The
 * baseline is the same element through a bare ArrayDeque: the floor of any FIFO.
 *
 * <p>{@code replicated} and {@code replicatedWhole} add what replication does for it, with
 * {@code waiting} transactions already queued ahead (a client that does not collect): the message is
 * queued and the change applied to a {@link QueueReplica}, then the oldest transaction is handed out,
 * acknowledged and that change applied, so the queue keeps its depth. {@code replicated} sends what
 * changed, as the gateway does; {@code replicatedWhole} sends the whole queue every time, as replicas
 * were written before the queue was replicated on its own: the baseline for the depth's cost.
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

    @Param({"0", "200"})
    public int waiting;

    private final OutboundQueue queue = new OutboundQueue();
    private final ArrayDeque<Element> deque = new ArrayDeque<>(2);
    private Element newMessage;
    private OutboundQueue deep;
    private QueueReplica replica;

    @Setup
    public void setUp() {
        newMessage = Inputs.decode(Inputs.example("A6-02-s2c.xml")).first().primitive();
        deep = new OutboundQueue();
        replica = new QueueReplica();
        for (int i = 0; i < waiting; i++) {
            deep.offer(newMessage, true, null, true, waiting + 1);
        }
        replica.apply(deep.replicaChange(0, 0));
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
    public QueueReplica replicated() {
        return deliverReplicated(false);
    }

    @Benchmark
    public QueueReplica replicatedWhole() {
        return deliverReplicated(true);
    }

    private QueueReplica deliverReplicated(boolean whole) {
        if (!deep.offer(newMessage, true, null, true, waiting + 1)) {
            throw new IllegalStateException("queue full");
        }
        replicate(whole);
        OutboundQueue.ServerTransaction t = deep.next(0, "http", RETRANSMISSION);
        if (deep.answer(t.transactionId()).answer() != OutboundQueue.Answer.SETTLED) {
            throw new IllegalStateException("not acknowledged");
        }
        replicate(whole);
        return replica;
    }

    private void replicate(boolean whole) {
        if (whole) {
            deep.replicaRefused();
        }
        if (!replica.apply(deep.replicaChange(0, 0))) {
            throw new IllegalStateException("change refused");
        }
    }

    @Benchmark
    public Element arrayDeque() {
        deque.addLast(newMessage);
        return deque.pollFirst();
    }
}
