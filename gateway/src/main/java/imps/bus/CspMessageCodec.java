package imps.bus;

import imps.codec.CspSyntax;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codec for {@link InboundMessage} and {@link OutboundMessage}, and for the batches of them
 * forwarded between nodes. Within a node the (immutable) object itself is passed; between nodes the
 * syntax-neutral tree is written in a compact binary form, independent of any bearer's syntax.
 */
public final class CspMessageCodec<T> implements MessageCodec<T, T> {
    // values() copies its array at every call; these are read for every message that crosses nodes.
    private static final CspVersion[] VERSIONS = CspVersion.values();
    private static final SessionType[] SESSION_TYPES = SessionType.values();
    private static final TransactionMode[] TRANSACTION_MODES = TransactionMode.values();

    private final Class<T> type;

    private CspMessageCodec(Class<T> type) {
        this.type = type;
    }

    public static CspMessageCodec<InboundMessage> inbound() {
        return new CspMessageCodec<>(InboundMessage.class);
    }

    public static CspMessageCodec<OutboundMessage> outbound() {
        return new CspMessageCodec<>(OutboundMessage.class);
    }

    public static CspMessageCodec<InboundBatch> inboundBatch() {
        return new CspMessageCodec<>(InboundBatch.class);
    }

    public static CspMessageCodec<OutboundBatch> outboundBatch() {
        return new CspMessageCodec<>(OutboundBatch.class);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        if (value instanceof InboundMessage in) {
            writeInbound(buffer, in);
        } else if (value instanceof OutboundMessage out) {
            writeOutbound(buffer, out);
        } else if (value instanceof InboundBatch batch) {
            buffer.appendInt(batch.messages().size());
            batch.messages().forEach(in -> writeInbound(buffer, in));
        } else if (value instanceof OutboundBatch batch) {
            buffer.appendInt(batch.answers().size());
            for (OutboundBatch.Answer a : batch.answers()) {
                buffer.appendInt(a.failureCode());
                if (a.isFailure()) {
                    WireFormat.writeString(buffer, a.failure());
                } else {
                    writeOutbound(buffer, a.message());
                }
            }
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int[] p = {pos};
        Object value;
        if (type == InboundMessage.class) {
            value = readInbound(buffer, p);
        } else if (type == OutboundMessage.class) {
            value = readOutbound(buffer, p);
        } else if (type == InboundBatch.class) {
            int n = readCount(buffer, p);
            List<InboundMessage> messages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                messages.add(readInbound(buffer, p));
            }
            value = new InboundBatch(messages);
        } else {
            int n = readCount(buffer, p);
            List<OutboundBatch.Answer> answers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int failureCode = buffer.getInt(p[0]);
                p[0] += 4;
                answers.add(failureCode != 0 ? OutboundBatch.Answer.failed(failureCode, WireFormat.readString(buffer, p))
                        : OutboundBatch.Answer.of(readOutbound(buffer, p)));
            }
            value = new OutboundBatch(answers);
        }
        return type.cast(value);
    }

    /**
     * The bearer's syntax travels in its transport field, {@code transport/SYNTAX}, and only when it is
     * not the transport's own (XML for HTTP, PTS for SMS): a node of the previous build reads the same
     * fields and sees an unknown transport name at worst.
     */
    private static void writeInbound(Buffer buffer, InboundMessage in) {
        writeMessage(buffer, in.message());
        Bearer b = in.bearer();
        WireFormat.writeString(buffer, b.syntax() == ownSyntax(b.transport()) ? b.transport()
                : b.transport() + "/" + b.syntax().name());
        WireFormat.writeString(buffer, b.remoteAddress());
        WireFormat.writeString(buffer, b.authority());
    }

    private static InboundMessage readInbound(Buffer buffer, int[] p) {
        CspMessage m = readMessage(buffer, p);
        String transport = WireFormat.readString(buffer, p);
        int slash = transport.indexOf('/');
        CspSyntax syntax = slash < 0 ? ownSyntax(transport) : CspSyntax.fromName(transport.substring(slash + 1));
        return new InboundMessage(m, new Bearer(slash < 0 ? transport : transport.substring(0, slash),
                WireFormat.readString(buffer, p), WireFormat.readString(buffer, p), syntax));
    }

    private static CspSyntax ownSyntax(String transport) {
        return Bearer.SMS.equals(transport) ? CspSyntax.PTS : CspSyntax.XML;
    }

    private static void writeOutbound(Buffer buffer, OutboundMessage out) {
        buffer.appendByte((byte) (out.message() == null ? 0 : 1));
        if (out.message() != null) {
            writeMessage(buffer, out.message());
        }
        // An always-empty slot where the previous build wrote a field it no longer has: nodes of both
        // builds keep reading each other's answers during a rolling upgrade.
        WireFormat.writeString(buffer, null);
    }

    private static OutboundMessage readOutbound(Buffer buffer, int[] p) {
        CspMessage m = buffer.getByte(p[0]++) == 0 ? null : readMessage(buffer, p);
        WireFormat.readString(buffer, p);
        return new OutboundMessage(m);
    }

    private static int readCount(Buffer buffer, int[] p) {
        int n = buffer.getInt(p[0]);
        p[0] += 4;
        return n;
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "imps-" + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }

    private static void writeMessage(Buffer b, CspMessage m) {
        b.appendByte((byte) m.version().ordinal());
        b.appendByte((byte) m.sessionType().ordinal());
        WireFormat.writeString(b, m.sessionId());
        b.appendByte(flag(m.poll()));
        b.appendByte(flag(m.cirFlag()));
        b.appendInt(m.transactions().size());
        for (Transaction t : m.transactions()) {
            b.appendByte((byte) t.mode().ordinal());
            WireFormat.writeString(b, t.transactionId());
            WireFormat.writeElement(b, t.primitive());
        }
    }

    private static CspMessage readMessage(Buffer b, int[] p) {
        CspVersion version = VERSIONS[b.getByte(p[0]++)];
        SessionType type = SESSION_TYPES[b.getByte(p[0]++)];
        String sessionId = WireFormat.readString(b, p);
        Boolean poll = unflag(b.getByte(p[0]++));
        Boolean cir = unflag(b.getByte(p[0]++));
        int n = readCount(b, p);
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TransactionMode mode = TRANSACTION_MODES[b.getByte(p[0]++)];
            String id = WireFormat.readString(b, p);
            txs.add(new Transaction(mode, id, WireFormat.readElement(b, p)));
        }
        return new CspMessage(version, type, sessionId, txs, poll, cir);
    }

    private static byte flag(Boolean v) {
        return (byte) (v == null ? 0 : v ? 1 : 2);
    }

    private static Boolean unflag(byte v) {
        return v == 0 ? null : v == 1;
    }

}
