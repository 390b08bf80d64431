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
                        newMessage("6", "in flight"), 9));
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
                new OutboundQueue.State(List.of(), null, 1));
        SessionSnapshot back = SessionSnapshotCodec.decode(SessionSnapshotCodec.encode(s));
        assertEquals(s, back);
        assertNull(back.agreedFunctions());
        assertNull(back.cirBinding());
        assertNull(back.capabilities().tcpPort());
        assertNull(back.queue().inFlight());
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
