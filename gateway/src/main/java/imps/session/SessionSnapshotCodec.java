package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.session.cir.CirBinding;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * The binary form of a {@link SessionSnapshot} in the replica store: the fields in a fixed order,
 * without the class descriptors Java serialization writes (SessionSnapshotBench). Every change of a
 * session writes one, and every session keeps one in the cluster's memory (docs/cluster.md), so the
 * form is compact: integers as variable-length numbers, the version and state as codes, and the
 * capabilities of a session that has not negotiated as one byte. It starts with its format number and
 * the revision as eight bytes, so a store can compare revisions without decoding the rest
 * ({@link #revisionOf}); a reader refuses a format it does not know instead of misreading it.
 * The Client-ID is stored once, as its element: its text form, by which a user's sessions are
 * compared, is made from it when needed. The Session-ID is not stored: it is the store's key
 * ({@link #decode}). The outbound queue is not part of it: it is replicated on its
 * own, change by change ({@link QueueReplica}). The formats of earlier builds are still read, so a node
 * of this build can take over the sessions they replicated: format 3 (this one, with the Session-ID and the queue inside),
 * format 2 (format 3 with the Client-ID's text form stored beside its element) and format 1
 * (fixed-width integers, names as text, one transaction in flight). A node of an earlier build refuses
 * this format, so it cannot take over a session with its queue missing (docs/cluster.md, "Upgrades").
 */
public final class SessionSnapshotCodec {
    private static final byte FORMAT = 4;
    private static final byte FORMAT_TWO = 2;
    private static final byte FORMAT_ONE = 1;
    private static final byte DEFAULT_CAPABILITIES = 0;
    private static final byte NEGOTIATED_CAPABILITIES = 1;

    private SessionSnapshotCodec() {
    }

    public static byte[] encode(SessionSnapshot s) {
        SnapshotOutput out = new SnapshotOutput();
        out.writeByte(FORMAT);
        out.writeFixedLong(s.revision());
        out.string(s.userId());
        element(out, s.clientId());
        out.writeByte(versionCode(s.version()));
        out.string(s.syntax());
        out.string(s.sessionCookie());
        out.number(s.keepAliveSeconds());
        out.bool(s.capabilityRequested());
        capabilities(out, s.capabilities());
        out.bool(s.capabilitiesNegotiated());
        out.strings(s.agreedFunctions());
        out.writeByte(s.state() == SessionState.ACTIVE ? 0 : 1);
        out.number(s.endedAtMillis());
        out.strings(s.presenceSubscriptions());
        out.strings(s.notificationSubscriptions());
        out.strings(s.joinedGroups());
        CirBinding cir = s.cirBinding();
        out.bool(cir != null);
        if (cir != null) {
            out.string(cir.method());
            out.string(cir.nodeId());
            out.string(cir.channelId());
        }
        return out.toByteArray();
    }

    /**
     * Decodes the replica stored under {@code sessionId}: this format leaves the Session-ID out, since
     * the store's key is that ID; the earlier ones carry it.
     */
    public static SessionSnapshot decode(String sessionId, byte[] bytes) {
        try {
            byte format = format(bytes[0]);
            return format == FORMAT_ONE ? FormatOne.decode(bytes)
                    : decodeCompact(new SnapshotInput(bytes), format, sessionId);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a session replica", e);
        }
    }

    /** The revision of an encoded snapshot, read from its first bytes. */
    public static long revisionOf(byte[] bytes) {
        format(bytes[0]);
        long revision = 0;
        for (int i = 1; i <= Long.BYTES; i++) {
            revision = (revision << 8) | (bytes[i] & 0xFF);
        }
        return revision;
    }

    private static byte format(byte format) {
        if (format < FORMAT_ONE || format > FORMAT) {
            throw new IllegalArgumentException("session replica format " + format + ", this node reads "
                    + FORMAT_ONE + " to " + FORMAT);
        }
        return format;
    }

    /** Arguments are read left to right, in the order written. */
    private static SessionSnapshot decodeCompact(SnapshotInput in, byte format, String sessionId) throws IOException {
        in.readByte();
        return new SessionSnapshot(in.readFixedLong(), format == FORMAT ? sessionId : in.string(), in.string(),
                format == FORMAT_TWO ? clientIdBeforeItsText(in) : element(in),
                version(in.readByte()), in.string(), in.string(), in.intNumber(), in.bool(), capabilities(in),
                in.bool(), in.stringSet(), in.readByte() == 0 ? SessionState.ACTIVE : SessionState.ENDED, in.number(),
                in.stringSet(), in.stringSet(), in.stringSet(),
                in.bool() ? new CirBinding(in.string(), in.string(), in.string()) : null,
                format == FORMAT ? OutboundQueue.State.BLANK : queue(in));
    }

    private static int versionCode(CspVersion v) {
        return switch (v) {
            case V1_1 -> 11;
            case V1_2 -> 12;
            case V1_3 -> 13;
        };
    }

    private static CspVersion version(int code) throws IOException {
        return switch (code) {
            case 11 -> CspVersion.V1_1;
            case 12 -> CspVersion.V1_2;
            case 13 -> CspVersion.V1_3;
            default -> throw new IOException("unknown CSP version code " + code);
        };
    }

    private static void capabilities(SnapshotOutput out, ClientCapabilities c) {
        if (c.isDefault()) {
            out.writeByte(DEFAULT_CAPABILITIES);
            out.number(c.serverPollMin());
            return;
        }
        out.writeByte(NEGOTIATED_CAPABILITIES);
        out.string(c.clientType());
        out.string(c.initialDeliveryMethod());
        out.strings(c.acceptedContentTypes());
        out.number(c.parserSize());
        out.number(c.multiTrans());
        out.strings(c.supportedBearers());
        out.strings(c.cirMethods());
        out.number(c.serverPollMin());
        out.string(c.tcpAddress());
        out.optionalNumber(c.tcpPort());
        out.string(c.cirUrl());
        out.optionalNumber(c.udpPort());
    }

    private static ClientCapabilities capabilities(SnapshotInput in) throws IOException {
        if (in.readByte() == DEFAULT_CAPABILITIES) {
            return ClientCapabilities.defaults(in.intNumber());
        }
        return new ClientCapabilities(in.string(), in.string(), in.stringList(), in.intNumber(), in.intNumber(),
                in.stringList(), in.stringList(), in.intNumber(), in.string(), in.optionalNumber(), in.string(),
                in.optionalNumber());
    }

    private static OutboundQueue.State queue(SnapshotInput in) throws IOException {
        int pendingCount = in.intNumber();
        List<OutboundQueue.ServerTransaction> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(transaction(in));
        }
        int outstandingCount = in.intNumber();
        List<OutboundQueue.Sent> outstanding = new ArrayList<>(outstandingCount);
        for (int i = 0; i < outstandingCount; i++) {
            outstanding.add(new OutboundQueue.Sent(transaction(in), in.string(), in.number(), in.intNumber(), in.bool()));
        }
        return OutboundQueue.State.orBlank(new OutboundQueue.State(pending, outstanding, in.stringList(), in.intNumber()));
    }

    static void transaction(SnapshotOutput out, OutboundQueue.ServerTransaction t) {
        out.string(t.transactionId());
        element(out, t.primitive());
        out.bool(t.expectsResponse());
        out.string(t.tag());
    }

    static OutboundQueue.ServerTransaction transaction(SnapshotInput in) throws IOException {
        return new OutboundQueue.ServerTransaction(in.string(), element(in), in.bool(), in.string());
    }

    private static void element(SnapshotOutput out, Element e) {
        out.bool(e != null);
        if (e == null) {
            return;
        }
        out.string(e.name());
        out.string(e.text());
        out.number(e.children().size());
        for (Element child : e.children()) {
            element(out, child);
        }
    }

    /** Format 2: the Client-ID's element, then its text form, which is read past. */
    private static Element clientIdBeforeItsText(SnapshotInput in) throws IOException {
        Element clientId = element(in);
        in.string();
        return clientId;
    }

    private static Element element(SnapshotInput in) throws IOException {
        if (!in.bool()) {
            return null;
        }
        Element.Builder b = Element.builder(in.string()).text(in.string());
        int n = in.intNumber();
        for (int i = 0; i < n; i++) {
            b.add(element(in));
        }
        return b.build();
    }

    /** The previous build's form, read only: fixed-width integers, names as text, one transaction in flight. */
    private static final class FormatOne {
        static SessionSnapshot decode(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.readByte();
            return new SessionSnapshot(in.readLong(), string(in), string(in), clientIdBeforeItsText(in),
                    CspVersion.fromLabel(string(in)), string(in), string(in), in.readInt(), in.readBoolean(),
                    new ClientCapabilities(string(in), string(in), list(in), in.readInt(), in.readInt(), list(in),
                            list(in), in.readInt(), string(in), in.readBoolean() ? in.readInt() : null, string(in), null),
                    in.readBoolean(), set(in), SessionState.valueOf(string(in)), in.readLong(), set(in), set(in), set(in),
                    in.readBoolean() ? new CirBinding(string(in), string(in), string(in)) : null, queue(in));
        }

        /** The transaction in flight is outstanding and due at once, as that build re-sent it on every poll. */
        private static OutboundQueue.State queue(DataInputStream in) throws IOException {
            int n = in.readInt();
            List<OutboundQueue.ServerTransaction> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(transaction(in));
            }
            List<OutboundQueue.Sent> outstanding = in.readBoolean()
                    ? List.of(new OutboundQueue.Sent(transaction(in), "", 0, 1, false)) : List.of();
            return OutboundQueue.State.orBlank(new OutboundQueue.State(pending, outstanding, List.of(), in.readInt()));
        }

        /**
         * That build kept no tag: a NewMessage is tagged with its message's ID, so its confirmation still
         * looks for a delivery report as that build did.
         */
        private static OutboundQueue.ServerTransaction transaction(DataInputStream in) throws IOException {
            String id = string(in);
            Element primitive = element(in);
            boolean expectsResponse = in.readBoolean();
            Element info = "NewMessage".equals(primitive.name()) ? primitive.child("MessageInfo") : null;
            return new OutboundQueue.ServerTransaction(id, primitive, expectsResponse,
                    info == null ? null : info.childText("MessageID"));
        }

        private static Element clientIdBeforeItsText(DataInputStream in) throws IOException {
            Element clientId = element(in);
            string(in);
            return clientId;
        }

        private static Element element(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            Element.Builder b = Element.builder(string(in)).text(string(in));
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                b.add(element(in));
            }
            return b.build();
        }

        private static List<String> list(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(string(in));
            }
            return values;
        }

        private static HashSet<String> set(DataInputStream in) throws IOException {
            List<String> values = list(in);
            return values == null ? null : new HashSet<>(values);
        }

        private static String string(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new IOException("truncated");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
