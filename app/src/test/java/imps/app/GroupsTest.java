package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discussion groups between several clients (docs/services.md §8; OMA-TS-IMPS_CSP-V1_3 §6.6.1 and §7.1;
 * docs/conformance.md, "Decisions where the CRs disagree").
 */
class GroupsTest {
    private static TestNode node;
    private static CspClient client;
    private static final CspVersion V = CspVersion.V1_2;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String session(String user) {
        String sid = client.login(V, user, "secret", "g-" + System.nanoTime());
        client.request(V, sid, CspClient.serviceRequest());
        return sid;
    }


    private static Element join(String group, String screenName, boolean autoJoin) {
        Element.Builder b = Element.builder("JoinGroup-Request").leaf("GroupID", group)
                .add(Element.builder("ScreenName").leaf("SName", screenName).leaf("GroupID", group).build())
                .leaf("JoinedRequest", "T").leaf("SubscribeNotification", "T");
        if (autoJoin) {
            b.add(Element.of("OwnProperties", Element.builder("Property").leaf("Name", "AutoJoin").leaf("Value", "T").build()));
        }
        return b.build();
    }

    private static Element create(String group) {
        return Element.builder("CreateGroup-Request").leaf("GroupID", group)
                .add(Element.of("GroupProperties", Element.builder("Property").leaf("Name", "Name").leaf("Value", "Chat").build(),
                        Element.builder("Property").leaf("Name", "Accesstype").leaf("Value", "Open").build()))
                .leaf("JoinGroup", "F").leaf("SubscribeNotification", "F").build();
    }

    private static Element groupMessage(String group, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("Group", Element.leaf("GroupID", group)))).build())
                .leaf("ContentData", text).build();
    }

    @Test
    void membersJoinChatSeeEachOtherAndLeave() {
        String group = "wv:alice/chat" + System.nanoTime();
        String alice = session("alice");
        String bob = session("bob");
        assertEquals(200, client.request(V, alice, create(group)).code());
        assertEquals(801, client.request(V, alice, create(group)).code());
        Reply aliceJoined = client.request(V, alice, join(group, "Al", false));
        assertEquals("JoinGroup-Response", aliceJoined.primitive().name());
        Reply bobJoined = client.request(V, bob, join(group, "Bo", false));
        List<Element> mapping = bobJoined.primitive().child("UserMapList").child("UserMapping").children("Mapping");
        assertEquals(List.of("Al", "Bo"), mapping.stream().map(m -> m.childText("SName")).toList());

        Element joinedNotice = client.drain(V, alice).get(0);
        assertEquals("GroupChangeNotice", joinedNotice.name());
        assertEquals("Bo", joinedNotice.child("Joined").child("UserMapList").child("UserMapping").child("Mapping").childText("SName"));

        assertEquals(811, client.request(V, session("carol"), join(group, "Al", false)).code(), "screen names are unique");

        assertEquals(200, client.request(V, alice, groupMessage(group, "hi all")).code());
        Element received = client.drain(V, bob).stream().filter(p -> p.name().equals("NewMessage")).findFirst().orElseThrow();
        assertEquals("hi all", received.childText("ContentData"));
        assertEquals("Al", received.child("MessageInfo").child("Sender").child("Group").child("ScreenName").childText("SName"));
        assertTrue(client.drain(V, alice).stream().noneMatch(p -> p.name().equals("NewMessage")), "not echoed to the sender");

        Reply joined = client.request(V, bob, Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", group)));
        assertEquals(2, joined.primitive().child("UserMapList").child("UserMapping").children("Mapping").size());

        Reply left = client.request(V, bob, Element.of("LeaveGroup-Request", Element.leaf("GroupID", group)));
        assertEquals(200, left.code());
        assertEquals("Bo", client.drain(V, alice).get(0).child("Left").child("UserList").child("ScreenName").childText("SName"));
        assertEquals(808, client.request(V, bob, Element.of("LeaveGroup-Request", Element.leaf("GroupID", group))).code());
        assertEquals(808, client.request(V, bob, groupMessage(group, "ghost")).code(), "only members talk in a group");
    }

    @Test
    void logoutLeavesGroupsAndRecoveryRejoinsThem() {
        String group = "wv:alice/stay" + System.nanoTime();
        String alice = session("alice");
        client.request(V, alice, create(group));
        client.request(V, alice, join(group, "Host", false));
        String clientUrl = "g-rec-" + System.nanoTime();
        String bob = client.login(V, "bob", "secret", clientUrl);
        client.request(V, bob, CspClient.serviceRequest());
        client.request(V, bob, join(group, "Guest", false));
        client.drain(V, alice);
        client.request(V, bob, Element.empty("Logout-Request"));
        Element left = client.drain(V, alice).get(0);
        assertNotNull(left.child("Left"), "other members see the user leave at logout (OMA-TS-IMPS_CSP-V1_3 §6.6.1)");

        Reply r = client.send(new CspMessage(V, SessionType.INBAND, bob, List.of(new Transaction(TransactionMode.REQUEST, "1",
                CspClient.login2way("bob", "secret", clientUrl, null))), null, null));
        assertEquals(200, r.code());
        Element back = client.drain(V, alice).get(0);
        assertNotNull(back.child("Joined"), "the recovered session is back in its group (docs/conformance.md)");
        Reply members = client.request(V, alice, Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", group)));
        assertEquals(2, members.primitive().child("UserMapList").child("UserMapping").children("Mapping").size());
    }

    @Test
    void autoJoinGroupsAreJoinedAfterServiceNegotiation() {
        String group = "wv:carol/auto" + System.nanoTime();
        String carol = session("carol");
        client.request(V, carol, create(group));
        client.request(V, carol, join(group, "C", true));
        client.request(V, carol, Element.empty("Logout-Request"));
        String again = session("carol");
        Reply members = client.request(V, again, Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", group)));
        assertEquals(1, members.primitive().child("UserMapList").child("UserMapping").children("Mapping").size(),
                "OMA-TS-IMPS_CSP-V1_3 §7.1: auto-join after a successful service negotiation");
    }

    @Test
    void onlyTheOwnerDeletesAGroup() {
        String group = "wv:alice/del" + System.nanoTime();
        String alice = session("alice");
        String bob = session("bob");
        client.request(V, alice, create(group));
        assertEquals(816, client.request(V, bob, Element.of("DeleteGroup-Request", Element.leaf("GroupID", group))).code());
        assertEquals(200, client.request(V, alice, Element.of("DeleteGroup-Request", Element.leaf("GroupID", group))).code());
        assertEquals(800, client.request(V, bob, join(group, "x", false)).code());
        assertEquals(816, client.request(V, bob, create("wv:alice/notbobs")).code(), "groups are created under one's own name");
    }

    @Test
    void groupNoticesCanBeQueriedAndSwitched() {
        String group = "wv:bob/notices" + System.nanoTime();
        String bob = session("bob");
        client.request(V, bob, create(group));
        client.request(V, bob, join(group, "B", false));
        Element get = Element.builder("SubscribeGroupNotice-Request").leaf("GroupID", group).leaf("SubscribeType", "G").build();
        assertEquals("T", client.request(V, bob, get).primitive().childText("Value"));
        client.request(V, bob, Element.builder("SubscribeGroupNotice-Request").leaf("GroupID", group).leaf("SubscribeType", "U").build());
        assertEquals("F", client.request(V, bob, get).primitive().childText("Value"));
        Reply props = client.request(V, bob, Element.of("GetGroupProps-Request", Element.leaf("GroupID", group)));
        assertEquals("Chat", props.primitive().child("GroupProperties").children("Property").get(0).childText("Value"));
    }

    @Test
    void aLiveSessionRecoveredFromANewBearerStaysInItsGroups() {
        String group = "wv:alice/live" + System.nanoTime();
        String clientUrl = "g-live-" + System.nanoTime();
        String alice = client.login(V, "alice", "secret", clientUrl);
        client.request(V, alice, CspClient.serviceRequest());
        client.request(V, alice, create(group));
        client.request(V, alice, join(group, "Stayer", false));
        Reply r = client.send(new CspMessage(V, SessionType.INBAND, alice, List.of(new Transaction(TransactionMode.REQUEST, "1",
                CspClient.login2way("alice", "secret", clientUrl, null))), null, null));
        assertEquals(200, r.code());
        Reply members = client.request(V, alice, Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", group)));
        assertEquals("Stayer", members.primitive().child("UserMapList").child("UserMapping").child("Mapping").childText("SName"));
        SessionAccess.change(node, alice, s -> assertEquals(1, s.joinedGroups().size(), "still one of the session's groups"));
        client.request(V, alice, Element.empty("Logout-Request"));
        Reply after = client.request(V, session("bob"), Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", group)));
        assertTrue(after.primitive().child("UserMapList").child("UserMapping").children("Mapping").isEmpty(),
                "and it leaves them at logout");
    }

    @Test
    void aMessageToAScreenNameIsPrivate() {
        String group = "wv:bob/private" + System.nanoTime();
        String bob = session("bob");
        String carol = session("carol");
        String alice = session("alice");
        client.request(V, bob, create(group));
        client.request(V, bob, join(group, "B", false));
        client.request(V, carol, join(group, "C", false));
        client.request(V, alice, join(group, "A", false));
        client.drain(V, bob);
        client.drain(V, carol);
        Element whisper = Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 6)
                        .add(Element.of("Recipient", Element.of("Group", Element.builder("ScreenName").leaf("SName", "C")
                                .leaf("GroupID", group).build()))).build())
                .leaf("ContentData", "psst c").build();
        assertEquals(200, client.request(V, alice, whisper).code());
        assertTrue(client.drain(V, carol).stream().anyMatch(p -> "psst c".equals(p.childText("ContentData"))));
        assertTrue(client.drain(V, bob).stream().noneMatch(p -> p.name().equals("NewMessage")), "nobody else reads it");
    }
}
