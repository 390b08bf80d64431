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
 * Presence, instant messaging, contact lists and blocking between several clients over real HTTP
 * (docs/services.md; OMA-TS-IMPS_CSP-V1_3 §5.1.3 for the merged presence of parallel sessions).
 */
class ServicesTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100", "IMPS_SERVICES_MAX_CONTACTS_PER_LIST", "2"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** A negotiated session: login, all services. */
    private static String session(CspVersion v, String user, String clientUrl) {
        String sid = client.login(v, user, "secret", clientUrl + "-" + System.nanoTime());
        client.request(v, sid, CspClient.serviceRequest());
        return sid;
    }

    private static void logout(CspVersion v, String... sids) {
        for (String sid : sids) {
            client.request(v, sid, Element.empty("Logout-Request"));
        }
    }


    private static Element update(String onlineStatus, String statusText, String clientProducer) {
        Element.Builder sub = Element.builder("PresenceSubList")
                .add(Element.of("OnlineStatus", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", onlineStatus)));
        if (clientProducer != null) {
            sub.add(Element.of("ClientInfo", Element.leaf("Qualifier", "T"), Element.leaf("ClientType", "MOBILE_PHONE"),
                    Element.leaf("ClientProducer", clientProducer)));
        }
        if (statusText != null) {
            sub.add(Element.of("StatusText", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", statusText)));
        }
        return Element.of("UpdatePresence-Request", sub.build());
    }

    private static Element subscribeUser(String user) {
        return Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", user)));
    }

    private static Element message(String to, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to)))).build())
                .leaf("ContentData", text).build();
    }

    @Test
    void presenceSubscriptionNotifiesAndMergesParallelSessions() {
        CspVersion v = CspVersion.V1_3;
        String bob = session(v, "bob", "watcher");
        String alice1 = session(v, "alice", "phone");
        String alice2 = session(v, "alice", "desktop");
        assertEquals(200, client.request(v, bob, subscribeUser("wv:alice")).code());
        List<Element> initial = client.drain(v, bob);
        assertEquals("PresenceNotification-Request", initial.get(0).name(), "the current presence comes at once");

        assertEquals(200, client.request(v, alice1, update("T", "at work", "PhoneCo")).code());
        assertEquals(200, client.request(v, alice2, update("T", "in a meeting", "DeskCo")).code());
        List<Element> notes = client.drain(v, bob);
        assertEquals(2, notes.size(), "one notification per change");
        Element merged = notes.get(1).child("Presence").child("PresenceSubList");
        assertEquals("wv:alice", notes.get(1).child("Presence").childText("UserID"));
        assertEquals(2, merged.children("ClientInfo").size(),
                "one ClientInfo per client (OMA-TS-IMPS_CSP-V1_3 §5.1.3)");
        assertEquals("in a meeting", merged.child("StatusText").childText("PresenceValue"), "the latest value wins");

        Reply get = client.request(v, bob, Element.of("GetPresence-Request", Element.of("User", Element.leaf("UserID", "alice"))));
        assertEquals(200, get.code());
        assertEquals(2, get.primitive().child("Presence").child("PresenceSubList").children("ClientInfo").size());

        logout(v, alice2);
        Element afterLogout = client.drain(v, bob).get(0).child("Presence").child("PresenceSubList");
        assertEquals(1, afterLogout.children("ClientInfo").size(), "an ended session's part is removed");
        assertEquals("T", afterLogout.child("OnlineStatus").childText("PresenceValue"));
        logout(v, alice1);
        Element offline = client.drain(v, bob).get(0).child("Presence").child("PresenceSubList");
        assertEquals("F", offline.child("OnlineStatus").childText("PresenceValue"), "no session left: offline");
        logout(v, bob);
    }

    @Test
    void getPresenceReportsUnknownUsersInDetailedResults() {
        CspVersion v = CspVersion.V1_2;
        String carol = session(v, "carol", "gp");
        Reply r = client.request(v, carol, Element.of("GetPresence-Request",
                Element.of("User", Element.leaf("UserID", "wv:bob")), Element.of("User", Element.leaf("UserID", "wv:ghost"))));
        assertEquals(201, r.code(), "partly successful (OMA-TS-IMPS_CSP-V1_3 §6.1)");
        Element detail = r.primitive().child("Result").child("DetailedResult");
        assertEquals("531", detail.childText("Code"));
        assertEquals("wv:ghost", detail.childText("UserID"));
        assertEquals(1, r.primitive().children("Presence").size());
        logout(v, carol);
    }

    @Test
    void messageReachesEveryParallelSessionOfTheRecipient() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "sender");
        String bob1 = session(v, "bob", "b1");
        String bob2 = session(v, "bob", "b2");
        Reply sent = client.request(v, alice, message("wv:bob", "hello bob"));
        assertEquals(200, sent.code());
        String id = sent.primitive().childText("MessageID");
        assertNotNull(id);
        for (String b : List.of(bob1, bob2)) {
            List<Element> got = client.drain(v, b);
            assertEquals(1, got.size());
            Element info = got.get(0).child("MessageInfo");
            assertEquals(id, info.childText("MessageID"));
            assertEquals("wv:alice", info.child("Sender").child("User").childText("UserID"));
            assertEquals("hello bob", got.get(0).childText("ContentData"));
            assertTrue(info.childText("DateTime").matches("\\d{8}T\\d{6}Z"));
        }
        logout(v, alice, bob1, bob2);
    }

    @Test
    void messageToAnOfflineUserIsKeptAndDeliveredAtTheirNextLogin() {
        CspVersion v = CspVersion.V1_3;
        String alice = session(v, "alice", "offline-sender");
        Reply sent = client.request(v, alice, message("wv:carol", "while you were out"));
        assertEquals(200, sent.code(), "accepted for later delivery");
        String carol = session(v, "carol", "back");
        List<Element> got = client.drain(v, carol);
        assertEquals(1, got.size());
        assertEquals("while you were out", got.get(0).childText("ContentData"));
        assertTrue(client.drain(v, carol).isEmpty(), "delivered once");
        logout(v, alice, carol);
    }

    @Test
    void keptMessagesCanBeListedFetchedAndRejected() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "kept");
        client.request(v, alice, message("wv:carol", "one"));
        client.request(v, alice, message("wv:carol", "two"));
        String carol = client.login(v, "carol", "secret", "fetcher-" + System.nanoTime());
        client.request(v, carol, Element.builder("Service-Request")
                .add(Element.of("Functions", Element.of("WVCSPFeat", Element.of("IMFeat",
                        Element.of("IMReceiveFunc", Element.empty("GETLM"), Element.empty("GETM"), Element.empty("REJCM"))))))
                .leaf("AllFunctionsRequest", "F").build());
        Reply list = client.request(v, carol, Element.empty("GetMessageList-Request"));
        List<Element> infos = list.primitive().children("MessageInfo");
        assertEquals(2, infos.size(), "no NEWM agreed: the messages wait");
        Reply one = client.request(v, carol, Element.of("GetMessage-Request", Element.leaf("MessageID", infos.get(0).childText("MessageID"))));
        assertEquals("one", one.primitive().childText("ContentData"));
        Reply reject = client.request(v, carol, Element.of("RejectMessage-Request",
                Element.leaf("MessageID", infos.get(1).childText("MessageID")), Element.leaf("MessageID", "nope")));
        assertEquals(201, reject.code());
        assertEquals(0, client.request(v, carol, Element.empty("GetMessageList-Request")).primitive().children("MessageInfo").size());
        Reply gone = client.request(v, carol, Element.of("GetMessage-Request", Element.leaf("MessageID", "nope")));
        assertEquals(426, gone.code());
        logout(v, alice, carol);
    }

    @Test
    void unknownRecipientIs531AndBlockedSenderIs532() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "blocked-sender");
        String bob = session(v, "bob", "blocker");
        assertEquals(531, client.request(v, alice, message("wv:ghost", "x")).code());
        Element block = Element.of("BlockEntity-Request", Element.builder("BlockList").leaf("InUse", "T")
                .add(Element.of("AddList", Element.leaf("UserID", "wv:alice"))).build());
        assertEquals(200, client.request(v, bob, block).code());
        Reply blocked = client.request(v, alice, message("wv:bob", "let me in"));
        assertEquals(532, blocked.code());
        Reply lists = client.request(v, bob, Element.empty("GetBlockedList-Request"));
        Element blockList = lists.primitive().child("BlockList");
        assertEquals("T", blockList.childText("InUse"));
        assertEquals("wv:alice", blockList.child("EntityList").childText("UserID"));
        assertTrue(client.drain(v, bob).isEmpty(), "nothing reached bob");
        client.request(v, bob, Element.of("BlockEntity-Request", Element.builder("BlockList").leaf("InUse", "T")
                .add(Element.of("RemoveList", Element.leaf("UserID", "wv:alice"))).build()));
        assertEquals(200, client.request(v, alice, message("wv:bob", "thanks")).code());
        logout(v, alice, bob);
    }

    @Test
    void deliveryReportReachesTheSenderWhenTheRecipientConfirms() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "reporter");
        String bob = session(v, "bob", "confirmer");
        Element send = Element.builder("SendMessage-Request").leaf("DeliveryReport", "T")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 2)
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob")))).build())
                .leaf("ContentData", "hi").build();
        String id = client.request(v, alice, send).primitive().childText("MessageID");
        client.drain(v, bob);
        List<Element> reports = client.drain(v, alice);
        assertEquals(1, reports.size());
        assertEquals("DeliveryReport-Request", reports.get(0).name());
        assertEquals(id, reports.get(0).child("MessageInfo").childText("MessageID"));
        logout(v, alice, bob);
    }

    @Test
    void contactListsCanBeCreatedManagedAndDeleted() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "lists");
        Element create = Element.builder("CreateList-Request").leaf("ContactList", "wv:alice/mates")
                .add(Element.of("NickList", Element.builder("NickName").leaf("Name", "Bobby").leaf("UserID", "wv:bob").build(),
                        Element.builder("NickName").leaf("Name", "Ghost").leaf("UserID", "wv:ghost").build()))
                .add(Element.of("ContactListProperties", Element.builder("Property").leaf("Name", "DisplayName")
                        .leaf("Value", "Mates").build()))
                .build();
        Reply created = client.request(v, alice, create);
        assertEquals(201, created.code(), "the list exists; the unknown contact is reported");
        assertEquals("wv:ghost", created.primitive().child("Result").child("DetailedResult").childText("UserID"));
        assertEquals(701, client.request(v, alice, create).code());

        Reply lists = client.request(v, alice, Element.empty("GetList-Request"));
        List<String> named = new java.util.ArrayList<>(lists.primitive().childTexts("ContactList"));
        named.add(lists.primitive().childText("DefaultContactList"));
        assertEquals(1, java.util.Collections.frequency(named, "wv:alice/mates"), "named once: " + named);

        Reply managed = client.request(v, alice, Element.builder("ListManage-Request").leaf("ContactList", "wv:alice/mates")
                .add(Element.of("AddNickList", Element.builder("NickName").leaf("Name", "Caz").leaf("UserID", "wv:carol").build()))
                .leaf("ReceiveList", "T").build());
        assertEquals(200, managed.code());
        assertEquals(List.of("wv:bob", "wv:carol"), managed.primitive().child("NickList").children("NickName").stream()
                .map(n -> n.childText("UserID")).toList());
        Reply removed = client.request(v, alice, Element.builder("ListManage-Request").leaf("ContactList", "wv:alice/mates")
                .add(Element.of("RemoveNickList", Element.leaf("UserID", "wv:bob"))).leaf("ReceiveList", "T").build());
        assertEquals(1, removed.primitive().child("NickList").children("NickName").size());

        assertEquals(700, client.request(v, alice, Element.builder("ListManage-Request").leaf("ContactList", "wv:alice/none")
                .leaf("ReceiveList", "T").build()).code());
        assertEquals(700, client.request(v, alice, Element.builder("ListManage-Request").leaf("ContactList", "wv:bob/mates")
                .leaf("ReceiveList", "T").build()).code(), "another user's list is not reachable");
        assertEquals(200, client.request(v, alice, Element.of("DeleteList-Request", Element.leaf("ContactList", "wv:alice/mates"))).code());
        assertEquals(700, client.request(v, alice, Element.of("DeleteList-Request", Element.leaf("ContactList", "wv:alice/mates"))).code());
        logout(v, alice);
    }

    @Test
    void aFollowedListKeepsItsSubscriptionInStep() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "follow");
        client.request(v, alice, Element.builder("CreateList-Request").leaf("ContactList", "wv:alice/follow").build());
        Element subscribe = Element.builder("SubscribePresence-Request").leaf("ContactList", "wv:alice/follow")
                .leaf("AutoSubscribe", "T").build();
        assertEquals(200, client.request(v, alice, subscribe).code());
        client.request(v, alice, Element.builder("ListManage-Request").leaf("ContactList", "wv:alice/follow")
                .add(Element.of("AddNickList", Element.builder("NickName").leaf("UserID", "wv:carol").build())).build());
        client.drain(v, alice);
        String carol = session(v, "carol", "followed");
        client.request(v, carol, update("T", "hello followers", null));
        List<Element> notes = client.drain(v, alice);
        assertTrue(notes.stream().anyMatch(n -> "wv:carol".equals(n.child("Presence").childText("UserID"))),
                "a member added after the subscription is watched too: " + notes);
        logout(v, alice, carol);
    }

    @Test
    void recoveryRemakesPresenceSubscriptions() {
        CspVersion v = CspVersion.V1_2;
        String clientUrl = "recover-sub-" + System.nanoTime();
        String bob = client.login(v, "bob", "secret", clientUrl);
        client.request(v, bob, CspClient.serviceRequest());
        client.request(v, bob, subscribeUser("wv:carol"));
        client.drain(v, bob);
        logout(v, bob);
        Reply r = client.send(new CspMessage(v, SessionType.INBAND, bob, List.of(new Transaction(TransactionMode.REQUEST, "1",
                CspClient.login2way("bob", "secret", clientUrl, null))), null, null));
        assertEquals(200, r.code());
        String carol = session(v, "carol", "seen");
        client.request(v, carol, update("T", "after recovery", null));
        List<Element> notes = client.drain(v, bob);
        assertTrue(notes.stream().anyMatch(n -> "wv:carol".equals(n.child("Presence").childText("UserID"))),
                "the recovered session is subscribed again (OMA-TS-IMPS_CSP-V1_3 §6.4.4)");
        logout(v, bob, carol);
    }

    @Test
    void generalNotificationSubscriptionsAreKeptInTheContext() {
        CspVersion v = CspVersion.V1_3;
        String alice = session(v, "alice", "notify");
        Element types = Element.of("NotificationTypeList", Element.leaf("NotificationType", "CL"),
                Element.leaf("NotificationType", "GM"));
        assertEquals(200, client.request(v, alice, Element.of("SubscribeNotification-Request", types)).code());
        assertEquals(200, client.request(v, alice, Element.of("UnsubscribeNotification-Request",
                Element.of("NotificationTypeList", Element.leaf("NotificationType", "GM")))).code());
        SessionAccess.change(node, alice, s -> assertEquals(java.util.Set.of("CL"), s.notificationSubscriptions()));
        String old = session(CspVersion.V1_2, "bob", "old-version");
        assertEquals(400, client.request(CspVersion.V1_2, old, Element.of("SubscribeNotification-Request", types)).code(),
                "a 1.3 primitive");
        logout(v, alice);
        logout(CspVersion.V1_2, old);
    }

    @Test
    void theApplicationIdOfTheClientIdIsPublishedInItsClientInfo() {
        CspVersion v = CspVersion.V1_3;
        Element login = Element.builder("Login-Request").leaf("UserID", "carol")
                .add(Element.of("ClientID", Element.leaf("URL", "app-" + System.nanoTime()), Element.leaf("ApplicationID", "com.example.chat")))
                .leaf("Password", "secret").leaf("SessionCookie", "k").build();
        String carol = client.request(v, null, login).primitive().childText("SessionID");
        client.request(v, carol, CspClient.serviceRequest());
        String bob = session(v, "bob", "app-watcher");
        Reply get = client.request(v, bob, Element.of("GetPresence-Request", Element.of("User", Element.leaf("UserID", "wv:carol"))));
        Element clientInfo = get.primitive().child("Presence").child("PresenceSubList").child("ClientInfo");
        assertEquals("com.example.chat", clientInfo.childText("ApplicationID"), "OMA-TS-IMPS_CSP-V1_3 §7.1");
        assertNotNull(clientInfo.child("ClientID"), "published along with the Client-ID");
        logout(v, carol, bob);
    }

    @Test
    void contactsBeyondTheListLimitAreReportedWith754() {
        CspVersion v = CspVersion.V1_2;
        String alice = session(v, "alice", "limit");
        Element create = Element.builder("CreateList-Request").leaf("ContactList", "wv:alice/full" + System.nanoTime())
                .add(Element.of("NickList", Element.leaf("UserID", "wv:bob"), Element.leaf("UserID", "wv:carol"),
                        Element.leaf("UserID", "wv:alice"))).build();
        Reply r = client.request(v, alice, create);
        assertEquals(201, r.code());
        assertEquals("754", r.primitive().child("Result").child("DetailedResult").childText("Code"));
        logout(v, alice);
    }

    @Test
    void messagesKeptWhileTheSessionWasEndedAreDeliveredAfterItsRecovery() {
        CspVersion v = CspVersion.V1_2;
        String clientUrl = "kept-recovery-" + System.nanoTime();
        String carol = client.login(v, "carol", "secret", clientUrl);
        client.request(v, carol, CspClient.serviceRequest());
        logout(v, carol);
        String alice = session(v, "alice", "kept-sender");
        assertEquals(200, client.request(v, alice, message("wv:carol", "for later")).code());
        Reply r = client.send(new CspMessage(v, SessionType.INBAND, carol, List.of(new Transaction(TransactionMode.REQUEST, "1",
                CspClient.login2way("carol", "secret", clientUrl, null))), null, null));
        assertEquals(200, r.code());
        List<Element> got = client.drain(v, carol);
        assertTrue(got.stream().anyMatch(p -> "for later".equals(p.childText("ContentData"))), got.toString());
        logout(v, alice, carol);
    }
}
