package imps.session;

import imps.session.cir.CirBinding;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * The binary form of a {@link SessionSnapshot} in the replica store: the fields in a fixed order,
 * without the class descriptors Java serialization writes, which made a replica about three times
 * larger and four times slower to write (SessionSnapshotBench). Every change of a session writes one
 * (docs/cluster.md). The form starts with its format number and the revision, so a store can compare
 * revisions without decoding the rest ({@link #revisionOf}); a reader refuses a format it does not
 * know instead of misreading it. Format 2 carries the outstanding server transactions with their
 * retransmission state; format 1 (one transaction in flight) is still read, so a node of this build
 * can take over sessions replicated by the previous one.
 */
public final class SessionSnapshotCodec {
    private static final byte FORMAT = 2;
    private static final byte FORMAT_ONE_IN_FLIGHT = 1;

    private SessionSnapshotCodec() {
    }

    public static byte[] encode(SessionSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(s.revision());
            string(out, s.sessionId());
            string(out, s.userId());
            element(out, s.clientId());
            string(out, s.clientKey());
            string(out, s.version().label());
            string(out, s.syntax());
            string(out, s.sessionCookie());
            out.writeInt(s.keepAliveSeconds());
            out.writeBoolean(s.capabilityRequested());
            capabilities(out, s.capabilities());
            out.writeBoolean(s.capabilitiesNegotiated());
            strings(out, s.agreedFunctions());
            string(out, s.state().name());
            out.writeLong(s.endedAtMillis());
            strings(out, s.presenceSubscriptions());
            strings(out, s.notificationSubscriptions());
            strings(out, s.joinedGroups());
            CirBinding cir = s.cirBinding();
            out.writeBoolean(cir != null);
            if (cir != null) {
                string(out, cir.method());
                string(out, cir.nodeId());
                string(out, cir.channelId());
            }
            OutboundQueue.State q = s.queue();
            out.writeInt(q.pending().size());
            for (OutboundQueue.ServerTransaction t : q.pending()) {
                transaction(out, t);
            }
            out.writeInt(q.outstanding().size());
            for (OutboundQueue.Sent sent : q.outstanding()) {
                transaction(out, sent.transaction());
                string(out, sent.bearer());
                out.writeLong(sent.dueAtMillis());
                out.writeInt(sent.attempts());
                out.writeBoolean(sent.last());
            }
            strings(out, q.settled());
            out.writeInt(q.nextId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SessionSnapshot decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = format(in.readByte());
            long revision = in.readLong();
            String sessionId = string(in);
            String userId = string(in);
            Element clientId = element(in);
            String clientKey = string(in);
            CspVersion version = CspVersion.fromLabel(string(in));
            String syntax = string(in);
            String cookie = string(in);
            int keepAlive = in.readInt();
            boolean capabilityRequested = in.readBoolean();
            ClientCapabilities capabilities = capabilities(in, format);
            boolean capabilitiesNegotiated = in.readBoolean();
            HashSet<String> agreed = strings(in);
            SessionState state = SessionState.valueOf(string(in));
            long endedAt = in.readLong();
            HashSet<String> presence = strings(in);
            HashSet<String> notifications = strings(in);
            HashSet<String> groups = strings(in);
            CirBinding cir = in.readBoolean() ? new CirBinding(string(in), string(in), string(in)) : null;
            OutboundQueue.State queue = format == FORMAT ? queue(in) : queueWithOneInFlight(in);
            return new SessionSnapshot(revision, sessionId, userId, clientId, clientKey, version, syntax, cookie,
                    keepAlive, capabilityRequested, capabilities, capabilitiesNegotiated, agreed, state, endedAt,
                    presence, notifications, groups, cir, queue);
        } catch (IOException e) {
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
        if (format != FORMAT && format != FORMAT_ONE_IN_FLIGHT) {
            throw new IllegalArgumentException("session replica format " + format + ", this node reads "
                    + FORMAT_ONE_IN_FLIGHT + " and " + FORMAT);
        }
        return format;
    }

    private static OutboundQueue.State queue(DataInputStream in) throws IOException {
        List<OutboundQueue.ServerTransaction> pending = transactions(in);
        int outstandingCount = in.readInt();
        List<OutboundQueue.Sent> outstanding = new ArrayList<>(outstandingCount);
        for (int i = 0; i < outstandingCount; i++) {
            outstanding.add(new OutboundQueue.Sent(transaction(in), string(in), in.readLong(), in.readInt(),
                    in.readBoolean()));
        }
        List<String> settled = list(in);
        return new OutboundQueue.State(pending, outstanding, settled, in.readInt());
    }

    /** Format 1: the transaction in flight is outstanding and due at once, as that build re-sent it on every poll. */
    private static OutboundQueue.State queueWithOneInFlight(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<OutboundQueue.ServerTransaction> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(formatOneTransaction(in));
        }
        List<OutboundQueue.Sent> outstanding = in.readBoolean()
                ? List.of(new OutboundQueue.Sent(formatOneTransaction(in), "", 0, 1, false)) : List.of();
        return new OutboundQueue.State(pending, outstanding, List.of(), in.readInt());
    }

    private static List<OutboundQueue.ServerTransaction> transactions(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<OutboundQueue.ServerTransaction> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(transaction(in));
        }
        return list;
    }

    private static void capabilities(DataOutputStream out, ClientCapabilities c) throws IOException {
        string(out, c.clientType());
        string(out, c.initialDeliveryMethod());
        strings(out, c.acceptedContentTypes());
        out.writeInt(c.parserSize());
        out.writeInt(c.multiTrans());
        strings(out, c.supportedBearers());
        strings(out, c.cirMethods());
        out.writeInt(c.serverPollMin());
        string(out, c.tcpAddress());
        out.writeBoolean(c.tcpPort() != null);
        if (c.tcpPort() != null) {
            out.writeInt(c.tcpPort());
        }
        string(out, c.cirUrl());
        out.writeBoolean(c.udpPort() != null);
        if (c.udpPort() != null) {
            out.writeInt(c.udpPort());
        }
    }

    /** Arguments are read left to right, in the order written; format 1 has no UDP port. */
    private static ClientCapabilities capabilities(DataInputStream in, byte format) throws IOException {
        return new ClientCapabilities(string(in), string(in), list(in), in.readInt(), in.readInt(),
                list(in), list(in), in.readInt(), string(in), in.readBoolean() ? in.readInt() : null, string(in),
                format != FORMAT_ONE_IN_FLIGHT && in.readBoolean() ? in.readInt() : null);
    }

    private static void transaction(DataOutputStream out, OutboundQueue.ServerTransaction t) throws IOException {
        string(out, t.transactionId());
        element(out, t.primitive());
        out.writeBoolean(t.expectsResponse());
        string(out, t.tag());
    }

    private static OutboundQueue.ServerTransaction transaction(DataInputStream in) throws IOException {
        return new OutboundQueue.ServerTransaction(string(in), element(in), in.readBoolean(), string(in));
    }

    /**
     * A transaction of a format-1 replica, which kept no tag: a NewMessage is tagged with its message's
     * ID, so its confirmation still looks for a delivery report as that build did.
     */
    private static OutboundQueue.ServerTransaction formatOneTransaction(DataInputStream in) throws IOException {
        String id = string(in);
        Element primitive = element(in);
        boolean expectsResponse = in.readBoolean();
        Element info = "NewMessage".equals(primitive.name()) ? primitive.child("MessageInfo") : null;
        return new OutboundQueue.ServerTransaction(id, primitive, expectsResponse,
                info == null ? null : info.childText("MessageID"));
    }

    private static void element(DataOutputStream out, Element e) throws IOException {
        out.writeBoolean(e != null);
        if (e == null) {
            return;
        }
        string(out, e.name());
        string(out, e.text());
        out.writeInt(e.children().size());
        for (Element child : e.children()) {
            element(out, child);
        }
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

    /** In order; null as -1. */
    private static void strings(DataOutputStream out, Collection<String> values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (String v : values) {
            string(out, v);
        }
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

    private static HashSet<String> strings(DataInputStream in) throws IOException {
        List<String> values = list(in);
        return values == null ? null : new HashSet<>(values);
    }

    /** UTF-8 with an int length (message texts can pass the 64 KB of writeUTF); null as -1. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
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
