package imps.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/** Event-bus codec of {@link SessionOp}: the object itself within a node, a compact binary form between nodes. */
public final class SessionOpCodec implements MessageCodec<SessionOp, SessionOp> {

    @Override
    public void encodeToWire(Buffer buffer, SessionOp op) {
        buffer.appendByte((byte) op.kind().ordinal());
        WireFormat.writeString(buffer, op.sessionId());
        WireFormat.writeString(buffer, op.args().encode());
        buffer.appendByte((byte) (op.primitive() == null ? 0 : 1));
        if (op.primitive() != null) {
            WireFormat.writeElement(buffer, op.primitive());
        }
    }

    @Override
    public SessionOp decodeFromWire(int pos, Buffer buffer) {
        int[] p = {pos};
        SessionOp.Kind kind = SessionOp.Kind.values()[buffer.getByte(p[0]++)];
        String sessionId = WireFormat.readString(buffer, p);
        JsonObject args = new JsonObject(WireFormat.readString(buffer, p));
        boolean hasPrimitive = buffer.getByte(p[0]++) == 1;
        return new SessionOp(kind, sessionId, args, hasPrimitive ? WireFormat.readElement(buffer, p) : null);
    }

    @Override
    public SessionOp transform(SessionOp op) {
        return op;
    }

    @Override
    public String name() {
        return "imps-SessionOp";
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
