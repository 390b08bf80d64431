package imps.router;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codec for {@link InboundMessage} and {@link OutboundMessage}. Within a node the
 * (immutable) object itself is passed; between nodes the syntax-neutral tree is written in a compact
 * binary form, independent of any bearer's syntax.
 */
public final class CspMessageCodec<T> implements MessageCodec<T, T> {
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

    public Class<T> type() {
        return type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        if (value instanceof InboundMessage in) {
            writeMessage(buffer, in.message());
            writeString(buffer, in.bearer().transport());
            writeString(buffer, in.bearer().remoteAddress());
            writeString(buffer, in.bearer().localHost());
        } else if (value instanceof OutboundMessage out) {
            buffer.appendByte((byte) (out.message() == null ? 0 : 1));
            if (out.message() != null) {
                writeMessage(buffer, out.message());
            }
            writeString(buffer, out.foreignNamespace());
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int[] p = {pos};
        Object value;
        if (type == InboundMessage.class) {
            CspMessage m = readMessage(buffer, p);
            value = new InboundMessage(m, new Bearer(readString(buffer, p), readString(buffer, p), readString(buffer, p)));
        } else {
            CspMessage m = buffer.getByte(p[0]++) == 0 ? null : readMessage(buffer, p);
            value = new OutboundMessage(m, readString(buffer, p));
        }
        return type.cast(value);
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
        writeString(b, m.sessionId());
        b.appendByte(flag(m.poll()));
        b.appendByte(flag(m.cirFlag()));
        b.appendInt(m.transactions().size());
        for (Transaction t : m.transactions()) {
            b.appendByte((byte) t.mode().ordinal());
            writeString(b, t.transactionId());
            writeElement(b, t.primitive());
        }
    }

    private static CspMessage readMessage(Buffer b, int[] p) {
        CspVersion version = CspVersion.values()[b.getByte(p[0]++)];
        SessionType type = SessionType.values()[b.getByte(p[0]++)];
        String sessionId = readString(b, p);
        Boolean poll = unflag(b.getByte(p[0]++));
        Boolean cir = unflag(b.getByte(p[0]++));
        int n = b.getInt(p[0]);
        p[0] += 4;
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TransactionMode mode = TransactionMode.values()[b.getByte(p[0]++)];
            String id = readString(b, p);
            txs.add(new Transaction(mode, id, readElement(b, p)));
        }
        return new CspMessage(version, type, sessionId, txs, poll, cir);
    }

    private static void writeElement(Buffer b, Element e) {
        writeString(b, e.name());
        writeString(b, e.text());
        b.appendInt(e.children().size());
        for (Element c : e.children()) {
            writeElement(b, c);
        }
    }

    private static Element readElement(Buffer b, int[] p) {
        Element.Builder builder = Element.builder(readString(b, p)).text(readString(b, p));
        int n = b.getInt(p[0]);
        p[0] += 4;
        for (int i = 0; i < n; i++) {
            builder.add(readElement(b, p));
        }
        return builder.build();
    }

    private static byte flag(Boolean v) {
        return (byte) (v == null ? 0 : v ? 1 : 2);
    }

    private static Boolean unflag(byte v) {
        return v == 0 ? null : v == 1;
    }

    private static void writeString(Buffer b, String s) {
        if (s == null) {
            b.appendInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.appendInt(bytes.length);
        b.appendBytes(bytes);
    }

    private static String readString(Buffer b, int[] p) {
        int len = b.getInt(p[0]);
        p[0] += 4;
        if (len < 0) {
            return null;
        }
        String s = b.getString(p[0], p[0] + len, "UTF-8");
        p[0] += len;
        return s;
    }
}
