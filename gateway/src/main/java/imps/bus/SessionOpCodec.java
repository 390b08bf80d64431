package imps.bus;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Event-bus codec of {@link SessionOp}: the object itself within a node, a compact binary form between
 * nodes — the operation's number, the Session-ID, its other fields as JSON, and the CSP tree it
 * carries (a recovery's Client-ID, a primitive to deliver). The numbers and field names are those of
 * the previous build, so nodes of both builds understand each other during a rolling upgrade.
 */
@SuppressWarnings("rawtypes")
public final class SessionOpCodec implements MessageCodec<SessionOp, SessionOp> {
    /**
     * The codec's name, given with every operation sent ({@code DeliveryOptions.setCodecName}): the
     * operations are records of several classes, and a default codec is looked up by exact class.
     */
    public static final String NAME = "imps-SessionOp";

    private static final int DISCONNECT = 0;
    private static final int RECOVER = 1;
    private static final int BIND_CIR = 2;
    private static final int UNBIND_CIR = 3;
    private static final int QUERY_CIR = 4;
    private static final int DELIVER = 5;

    @Override
    public void encodeToWire(Buffer buffer, SessionOp op) {
        JsonObject args = new JsonObject();
        Element primitive = null;
        int kind;
        if (op instanceof SessionOp.Disconnect) {
            kind = DISCONNECT;
        } else if (op instanceof SessionOp.Recover r) {
            kind = RECOVER;
            args.put("userId", r.userId()).put("clientKey", r.clientKey()).put("cookie", r.cookie())
                    .put("version", r.version().label()).put("syntax", r.syntax()).put("timeToLive", r.timeToLive());
            primitive = r.clientId();
        } else if (op instanceof SessionOp.BindCir b) {
            kind = BIND_CIR;
            args.put("method", b.method()).put("nodeId", b.nodeId()).put("channelId", b.channelId());
        } else if (op instanceof SessionOp.UnbindCir u) {
            kind = UNBIND_CIR;
            args.put("method", u.method()).put("nodeId", u.nodeId()).put("channelId", u.channelId());
        } else if (op instanceof SessionOp.QueryCir) {
            kind = QUERY_CIR;
        } else {
            SessionOp.Deliver d = (SessionOp.Deliver) op;
            kind = DELIVER;
            args.put("expectsResponse", d.expectsResponse()).put("requiredLeaf", d.requiredLeaf()).put("tag", d.tag());
            primitive = d.primitive();
        }
        buffer.appendByte((byte) kind);
        WireFormat.writeString(buffer, op.sessionId());
        WireFormat.writeString(buffer, args.encode());
        buffer.appendByte((byte) (primitive == null ? 0 : 1));
        if (primitive != null) {
            WireFormat.writeElement(buffer, primitive);
        }
    }

    @Override
    public SessionOp decodeFromWire(int pos, Buffer buffer) {
        int[] p = {pos};
        int kind = buffer.getByte(p[0]++);
        String sid = WireFormat.readString(buffer, p);
        JsonObject a = new JsonObject(WireFormat.readString(buffer, p));
        Element primitive = buffer.getByte(p[0]++) == 1 ? WireFormat.readElement(buffer, p) : null;
        return switch (kind) {
            case DISCONNECT -> new SessionOp.Disconnect(sid);
            case RECOVER -> new SessionOp.Recover(sid, a.getString("userId"), primitive, a.getString("clientKey"),
                    a.getString("cookie"), CspVersion.fromLabel(a.getString("version")), a.getString("syntax"),
                    a.getInteger("timeToLive"));
            case BIND_CIR -> new SessionOp.BindCir(sid, a.getString("method"), a.getString("nodeId"),
                    a.getString("channelId"));
            case UNBIND_CIR -> new SessionOp.UnbindCir(sid, a.getString("method"), a.getString("nodeId"),
                    a.getString("channelId"));
            case QUERY_CIR -> new SessionOp.QueryCir(sid);
            case DELIVER -> new SessionOp.Deliver(sid, primitive, a.getBoolean("expectsResponse", true),
                    a.getString("requiredLeaf"), a.getString("tag"));
            default -> throw new IllegalArgumentException("unknown session operation " + kind);
        };
    }

    @Override
    public SessionOp transform(SessionOp op) {
        return op;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
