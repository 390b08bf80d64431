package imps.session;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionSnapshotCodecTest {
    private static final Element CLIENT_ID = Element.of("ClientID", Element.leaf("URL", "WV:IMPS-Android@example.net"),
            Element.leaf("MSISDN", "+15551234"));

    private static OutboundQueue.ServerTransaction newMessage(String id, String text) {
        return new OutboundQueue.ServerTransaction(id, Element.builder("NewMessage")
                .add(Element.builder("MessageInfo").leaf("MessageID", "m-" + id).leaf("ContentType", "text/plain").build())
                .leaf("ContentData", text).add(Element.empty("Flag")).build(), true);
    }

    private static SessionSnapshot full(long revision) {
        ClientCapabilities caps = new ClientCapabilities("MOBILE_PHONE", "P", List.of("text/plain", "text/x-vcard"),
                20480, 2, List.of("HTTP", "SMS"), List.of("STCP", "SHTTP"), 30, "gw.example.net", 7000,
                "http://gw.example.net/imps/cir/");
        char[] big = new char[70_000];
        Arrays.fill(big, 'é');
        return new SessionSnapshot(revision, "S-1", "wv:bob@example.net", CLIENT_ID, "key-1", CspVersion.V1_3, "XML",
                "cookie-1", 600, true, caps, true, new HashSet<>(Set.of("IMAuthFunc", "GETPR", "SUBSCR")),
                SessionState.ENDED, 1_763_700_000_123L, new HashSet<>(Set.of("wv:alice@example.net")),
                new HashSet<>(Set.of("Ntf-1")), new HashSet<>(Set.of("wv:chess/room")),
                CirBinding.tcp("node-a", "chan-9"),
                new OutboundQueue.State(List.of(newMessage("7", "héllo 😀 <&>"), newMessage("8", new String(big))),
                        List.of(new OutboundQueue.Sent(newMessage("5", "outstanding"), "sms", 1_763_700_060_000L, 3, true),
                                new OutboundQueue.Sent(newMessage("6", "in flight"), "http", 1_763_700_050_000L, 1, false)),
                        List.of("3", "4"), 9, true));
    }

    @Test
    void everyFieldSurvives() {
        SessionSnapshot s = full(42);
        assertEquals(s, SessionSnapshotCodec.decode(SessionSnapshotCodec.encode(s)));
    }

    @Test
    void absentPartsStayAbsent() {
        SessionSnapshot s = new SessionSnapshot(1, "S-2", "wv:alice@example.net",
                Element.of("ClientID", Element.empty("URL")), "key-2", CspVersion.V1_1, "XML", null, 30, false,
                ClientCapabilities.defaults(30), false, null, SessionState.ACTIVE, 0, null, null, null, null,
                new OutboundQueue.State(List.of(), List.of(), List.of(), 1, false));
        SessionSnapshot back = SessionSnapshotCodec.decode(SessionSnapshotCodec.encode(s));
        assertEquals(s, back);
        assertNull(back.agreedFunctions());
        assertNull(back.cirBinding());
        assertNull(back.capabilities().tcpPort());
        assertEquals(List.of(), back.queue().outstanding());
    }

    @Test
    void aSnapshotOfARealSessionSurvivesAndRestores() {
        SessionContext session = new SessionContext("S-3", "wv:carol@example.net", CLIENT_ID, "key-3", CspVersion.V1_2,
                "XML", "c", 120, ClientCapabilities.defaults(30), 1_000L);
        session.cirBinding(CirBinding.sms("+15551234"));
        session.queue().offer(newMessage("1", "queued").primitive(), true, true, 10);
        SessionSnapshot s = session.snapshot(2_000L, 1_763_700_000_000L);
        SessionSnapshot back = SessionSnapshotCodec.decode(SessionSnapshotCodec.encode(s));
        assertEquals(s, back);
        SessionContext restored = SessionContext.restore(back, 5_000L, 1_763_700_000_500L);
        assertEquals(CirBinding.sms("+15551234"), restored.cirBinding());
        assertEquals(1, restored.queue().size());
    }

    /**
     * A replica written by the previous build (format 1: the pending transactions, one in flight, the
     * next id) is still read, so a node of this build can take over its sessions during an upgrade;
     * the transaction in flight becomes outstanding and due at once.
     */
    @Test
    void aReplicaOfThePreviousFormatIsRead() throws Exception {
        SessionSnapshot current = full(5);
        byte[] emptyQueue = SessionSnapshotCodec.encode(new SessionSnapshot(5, current.sessionId(), current.userId(),
                current.clientId(), current.clientKey(), current.version(), current.syntax(), current.sessionCookie(),
                current.keepAliveSeconds(), current.capabilityRequested(), current.capabilities(),
                current.capabilitiesNegotiated(), current.agreedFunctions(), current.state(), current.endedAtMillis(),
                current.presenceSubscriptions(), current.notificationSubscriptions(), current.joinedGroups(),
                current.cirBinding(), new OutboundQueue.State(List.of(), List.of(), List.of(), 0, false)));
        // Everything before the queue is the same in both formats; the queue part is written by hand.
        byte[] prefix = Arrays.copyOf(emptyQueue, emptyQueue.length - (4 + 4 + 4 + 4 + 1));
        prefix[0] = 1;
        java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
        old.write(prefix);
        java.io.DataOutputStream out = new java.io.DataOutputStream(old);
        out.writeInt(0);
        out.writeBoolean(true);
        writeTransaction(out, newMessage("6", "in flight"));
        out.writeInt(7);
        SessionSnapshot back = SessionSnapshotCodec.decode(old.toByteArray());
        assertEquals(current.sessionId(), back.sessionId());
        assertEquals(current.cirBinding(), back.cirBinding());
        assertEquals(List.of(new OutboundQueue.Sent(newMessage("6", "in flight"), "", 0, 1, false)),
                back.queue().outstanding());
        assertEquals(7, back.queue().nextId());
    }

    private static void writeTransaction(java.io.DataOutputStream out, OutboundQueue.ServerTransaction t)
            throws java.io.IOException {
        writeString(out, t.transactionId());
        writeElement(out, t.primitive());
        out.writeBoolean(t.expectsResponse());
    }

    private static void writeElement(java.io.DataOutputStream out, Element e) throws java.io.IOException {
        out.writeBoolean(true);
        writeString(out, e.name());
        writeString(out, e.text());
        out.writeInt(e.children().size());
        for (Element c : e.children()) {
            writeElement(out, c);
        }
    }

    private static void writeString(java.io.DataOutputStream out, String s) throws java.io.IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
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
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.decode(otherFormat));
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.revisionOf(otherFormat));
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshotCodec.decode(Arrays.copyOf(bytes, bytes.length / 2)));
    }
}
