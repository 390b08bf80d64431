package imps.session;

import imps.protocol.SecureIds;
import imps.session.cir.CirBinding;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionSnapshotCodecTest {
    private static final Element CLIENT_ID = Element.of("ClientID", Element.leaf("URL", "WV:IMPS-Android@example.net"),
            Element.leaf("MSISDN", "+15551234"));

    private static OutboundQueue.ServerTransaction newMessage(String id, String text) {
        return new OutboundQueue.ServerTransaction(id, Element.builder("NewMessage")
                .add(Element.builder("MessageInfo").leaf("MessageID", "m-" + id).leaf("ContentType", "text/plain").build())
                .leaf("ContentData", text).add(Element.empty("Flag")).build(), true, null);
    }

    private static SessionSnapshot full(long revision) {
        ClientCapabilities caps = new ClientCapabilities("MOBILE_PHONE", "P", List.of("text/plain", "text/x-vcard"),
                20480, 2, List.of("HTTP", "SMS"), List.of("STCP", "SHTTP"), 30, "gw.example.net", 7000,
                "http://gw.example.net/imps/cir/", 3717);
        return new SessionSnapshot(revision, "S-1", "wv:bob@example.net", CLIENT_ID, CspVersion.V1_3, "XML",
                "cookie-1", 600, true, caps, true, new HashSet<>(Set.of("IMAuthFunc", "GETPR", "SUBSCR")),
                SessionState.ENDED, 1_763_700_000_123L, new HashSet<>(Set.of("wv:alice@example.net")),
                new HashSet<>(Set.of("Ntf-1")), new HashSet<>(Set.of("wv:chess/room")),
                CirBinding.tcp("node-a", "chan-9"), OutboundQueue.State.BLANK);
    }

    /** A queue as replicas of format 3 and 2 carried it inside. */
    private static final OutboundQueue.State QUEUE = new OutboundQueue.State(
            List.of(newMessage("7", "héllo 😀 <&>"), newMessage("8", "é".repeat(70_000))),
            List.of(new OutboundQueue.Sent(newMessage("5", "outstanding"), "sms", 1_763_700_060_000L, 3, true),
                    new OutboundQueue.Sent(newMessage("6", "in flight"), "http", 1_763_700_050_000L, 1, false)),
            List.of("3", "4"), 9);

    @Test
    void everyFieldSurvives() {
        SessionSnapshot s = full(42);
        assertEquals(s, SessionSnapshotCodec.decode(s.sessionId(), SessionSnapshotCodec.encode(s)));
    }

    @Test
    void absentPartsStayAbsent() {
        SessionSnapshot s = new SessionSnapshot(1, "S-2", "wv:alice@example.net",
                Element.of("ClientID", Element.empty("URL")), CspVersion.V1_1, "XML", null, 30, false,
                ClientCapabilities.defaults(30), false, null, SessionState.ACTIVE, 0, null, null, null, null,
                OutboundQueue.State.BLANK);
        SessionSnapshot back = SessionSnapshotCodec.decode(s.sessionId(), SessionSnapshotCodec.encode(s));
        assertEquals(s, back);
        assertNull(back.agreedFunctions());
        assertNull(back.cirBinding());
        assertNull(back.capabilities().tcpPort());
        assertEquals(List.of(), back.queue().outstanding());
    }

    /**
     * The queue is replicated on its own: the context's replica leaves it out, and a session restored
     * from the context and its queue's replica gets both back.
     */
    @Test
    void aSnapshotOfARealSessionSurvivesAndRestoresWithItsQueueBeside() {
        SessionContext session = new SessionContext("S-3", "wv:carol@example.net", CLIENT_ID, CspVersion.V1_2,
                "XML", "c", 120, ClientCapabilities.defaults(30), 1_000L);
        session.cirBinding(CirBinding.sms("+15551234"));
        session.queueToChange().offer(newMessage("1", "queued").primitive(), true, null, true, 10);
        SessionSnapshot s = session.snapshot(2_000L, 1_763_700_000_000L);
        byte[] encoded = SessionSnapshotCodec.encode(s);
        assertFalse(new String(encoded, java.nio.charset.StandardCharsets.UTF_8).contains("queued"));
        SessionSnapshot back = SessionSnapshotCodec.decode(s.sessionId(), encoded);
        assertEquals(s, back);
        assertSame(OutboundQueue.EMPTY, SessionContext.restore(back, 5_000L, 1_763_700_000_500L).queue());

        QueueReplica queue = new QueueReplica();
        assertTrue(queue.apply(session.queue().replicaChange(2_000L, 1_763_700_000_000L)));
        SessionContext restored = SessionContext.restore(back.withQueue(queue.state()), 5_000L, 1_763_700_000_500L);
        assertEquals(CirBinding.sms("+15551234"), restored.cirBinding());
        assertEquals(1, restored.queue().size());
    }

    /**
     * A replica of format 3 (this one with the queue inside) is still read, so a node of this build can
     * take over the sessions of the build before it during an upgrade, queue included.
     */
    @Test
    void aReplicaOfFormatThreeIsReadWithItsQueue() {
        SessionSnapshot s = full(7);
        SessionSnapshot back = SessionSnapshotCodec.decode("the key", formatThree(s, QUEUE));
        assertEquals(s.withQueue(QUEUE), back);
        assertEquals(7, SessionSnapshotCodec.revisionOf(formatThree(s, QUEUE)));
    }

    /** This build's form of {@code s} with the format number, the Session-ID and the queue section of format 3. */
    private static byte[] formatThree(SessionSnapshot s, OutboundQueue.State q) {
        byte[] four = SessionSnapshotCodec.encode(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(3);
        out.write(four, 1, 8);
        compactString(out, s.sessionId());
        out.write(four, 9, four.length - 9);
        compactNumber(out, q.pending().size());
        for (OutboundQueue.ServerTransaction t : q.pending()) {
            compactTransaction(out, t);
        }
        compactNumber(out, q.outstanding().size());
        for (OutboundQueue.Sent sent : q.outstanding()) {
            compactTransaction(out, sent.transaction());
            compactString(out, sent.bearer());
            compactNumber(out, sent.dueAtMillis());
            compactNumber(out, sent.attempts());
            out.write(sent.last() ? 1 : 0);
        }
        compactUnsigned(out, q.settled().size() + 1L);
        for (String id : q.settled()) {
            compactString(out, id);
        }
        compactNumber(out, q.nextId());
        return out.toByteArray();
    }

    private static void compactTransaction(ByteArrayOutputStream out, OutboundQueue.ServerTransaction t) {
        compactString(out, t.transactionId());
        compactElement(out, t.primitive());
        out.write(t.expectsResponse() ? 1 : 0);
        compactString(out, t.tag());
    }

    /** A signed number as the compact forms write it: zig-zag, then variable length. */
    private static void compactNumber(ByteArrayOutputStream out, long v) {
        compactUnsigned(out, (v << 1) ^ (v >> 63));
    }

    /**
     * A replica of format 2 (format 3 with the Client-ID's text form stored after its element) is still
     * read. It is made here from format 3 by putting that text where format 2 had it.
     */
    @Test
    void aReplicaOfFormatTwoIsRead() {
        SessionSnapshot s = full(7);
        byte[] three = formatThree(s, QUEUE);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(2);
        head.write(three, 1, 8);
        compactString(head, s.sessionId());
        compactString(head, s.userId());
        compactElement(head, s.clientId());
        int rest = head.size();
        compactString(head, "the text form as format 2 stored it");
        head.write(three, rest, three.length - rest);

        SessionSnapshot back = SessionSnapshotCodec.decode("the key", head.toByteArray());
        assertEquals(s.withQueue(QUEUE), back);
        assertEquals(CLIENT_ID.toString(), back.clientKey());
    }

    /**
     * A replica written by an earlier build (format 1: capabilities without a UDP port; the pending
     * transactions, one in flight, the next id) is still read, so a node of this build can take over
     * its sessions during an upgrade; the transaction in flight becomes outstanding and due at once.
     * The replica is written here field by field as that build wrote it.
     */
    @Test
    void aReplicaOfFormatOneIsRead() throws Exception {
        SessionSnapshot s = full(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeLong(s.revision());
        writeString(out, s.sessionId());
        writeString(out, s.userId());
        writeElement(out, s.clientId());
        writeString(out, s.clientKey());
        writeString(out, s.version().label());
        writeString(out, s.syntax());
        writeString(out, s.sessionCookie());
        out.writeInt(s.keepAliveSeconds());
        out.writeBoolean(s.capabilityRequested());
        ClientCapabilities c = s.capabilities();
        writeString(out, c.clientType());
        writeString(out, c.initialDeliveryMethod());
        writeStrings(out, c.acceptedContentTypes());
        out.writeInt(c.parserSize());
        out.writeInt(c.multiTrans());
        writeStrings(out, c.supportedBearers());
        writeStrings(out, c.cirMethods());
        out.writeInt(c.serverPollMin());
        writeString(out, c.tcpAddress());
        out.writeBoolean(true);
        out.writeInt(c.tcpPort());
        writeString(out, c.cirUrl());
        out.writeBoolean(s.capabilitiesNegotiated());
        writeStrings(out, s.agreedFunctions());
        writeString(out, s.state().name());
        out.writeLong(s.endedAtMillis());
        writeStrings(out, s.presenceSubscriptions());
        writeStrings(out, s.notificationSubscriptions());
        writeStrings(out, s.joinedGroups());
        out.writeBoolean(true);
        writeString(out, s.cirBinding().method());
        writeString(out, s.cirBinding().nodeId());
        writeString(out, s.cirBinding().channelId());
        out.writeInt(1);
        writeTransaction(out, newMessage("7", "pending"));
        out.writeBoolean(true);
        writeTransaction(out, newMessage("6", "in flight"));
        out.writeInt(9);

        SessionSnapshot back = SessionSnapshotCodec.decode("the key", bytes.toByteArray());
        assertEquals(s.sessionId(), back.sessionId());
        assertEquals(s.cirBinding(), back.cirBinding());
        assertNull(back.capabilities().udpPort());
        assertEquals(c.cirUrl(), back.capabilities().cirUrl());
        assertEquals(s.joinedGroups(), back.joinedGroups());
        assertEquals(List.of(tagged(newMessage("7", "pending"))), back.queue().pending(),
                "a NewMessage of the previous build is tagged with its MessageID: its confirmation still looks for a report");
        assertEquals(List.of(new OutboundQueue.Sent(tagged(newMessage("6", "in flight")), "", 0, 1, false)),
                back.queue().outstanding());
        assertEquals(9, back.queue().nextId());
    }

    private static OutboundQueue.ServerTransaction tagged(OutboundQueue.ServerTransaction t) {
        return new OutboundQueue.ServerTransaction(t.transactionId(), t.primitive(), t.expectsResponse(),
                t.primitive().child("MessageInfo").childText("MessageID"));
    }

    /** A string as the compact forms write it: its UTF-8 length plus one as a variable-length number, then the bytes. */
    private static void compactString(ByteArrayOutputStream out, String s) {
        if (s == null) {
            compactUnsigned(out, 0);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        compactUnsigned(out, b.length + 1L);
        out.write(b, 0, b.length);
    }

    private static void compactElement(ByteArrayOutputStream out, Element e) {
        out.write(1);
        compactString(out, e.name());
        compactString(out, e.text());
        compactUnsigned(out, (long) e.children().size() << 1);
        for (Element c : e.children()) {
            compactElement(out, c);
        }
    }

    private static void compactUnsigned(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeStrings(DataOutputStream out, java.util.Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            writeString(out, v);
        }
    }

    private static void writeTransaction(DataOutputStream out, OutboundQueue.ServerTransaction t) throws IOException {
        writeString(out, t.transactionId());
        writeElement(out, t.primitive());
        out.writeBoolean(t.expectsResponse());
    }

    private static void writeElement(DataOutputStream out, Element e) throws IOException {
        out.writeBoolean(true);
        writeString(out, e.name());
        writeString(out, e.text());
        out.writeInt(e.children().size());
        for (Element c : e.children()) {
            writeElement(out, c);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Every session keeps its replica in the cluster's memory: an idle one, logged in and nothing else,
     * fits in a few hundred bytes (the session's identifiers make most of it; the Session-ID is the key).
     */
    @Test
    void anIdleSessionsReplicaIsCompact() {
        Element clientId = Element.of("ClientID", Element.leaf("URL", "http://phone.example.net/imps-client"));
        SessionContext idle = new SessionContext(SecureIds.next(), "wv:load123@imps.local", clientId,
                CspVersion.V1_2, "XML", "cookie-123456", 600, ClientCapabilities.defaults(30), 1_000L);
        byte[] replica = SessionSnapshotCodec.encode(idle.snapshot(2_000L, 1_763_700_000_000L));
        int identifiers = idle.userId().length() + "http://phone.example.net/imps-client".length()
                + idle.sessionCookie().length();
        assertTrue(replica.length < identifiers + 60, replica.length + " bytes for " + identifiers + " bytes of identifiers");
        String text = new String(replica, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("<ClientID>"), "the Client-ID is stored once, as its element, not also as text");
        assertFalse(text.contains(idle.sessionId()), "the Session-ID is the store's key, not stored again");
        assertEquals(idle.snapshot(2_000L, 1_763_700_000_000L), SessionSnapshotCodec.decode(idle.sessionId(), replica));
    }

    @Test
    void theRevisionIsReadFromTheFirstBytes() {
        for (long revision : new long[] {0, 1, 255, 256, 1L << 40, Long.MAX_VALUE}) {
            assertEquals(revision, SessionSnapshotCodec.revisionOf(SessionSnapshotCodec.encode(full(revision))));
        }
    }

    @Test
    void anUnknownFormatOrATruncatedReplicaIsRefused() {
        byte[] bytes = SessionSnapshotCodec.encode(full(3));
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.decode("S-1", otherFormat));
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.revisionOf(otherFormat));
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.decode("S-1", Arrays.copyOf(bytes, bytes.length / 2)));
    }
}
