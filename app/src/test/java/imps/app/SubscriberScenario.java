package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the store tests do as clients: users make contact lists, block someone and leave messages
 * for users who are offline; later, on other nodes, each of those changes is checked.
 */
final class SubscriberScenario {
    static final CspVersion V = CspVersion.V1_2;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SubscriberScenario() {
    }

    /** A logged-in session with every service agreed. */
    static String session(CspClient client, String user, String clientUrl) {
        String sid = client.login(V, user, "secret", clientUrl + "-" + System.nanoTime());
        client.request(V, sid, CspClient.serviceRequest());
        return sid;
    }

    static Reply createList(CspClient client, String sid, String list, String... members) {
        Element.Builder nicks = Element.builder("NickList");
        for (String m : members) {
            nicks.add(Element.builder("NickName").leaf("Name", m.toUpperCase()).leaf("UserID", "wv:" + m).build());
        }
        return client.request(V, sid, Element.builder("CreateList-Request").leaf("ContactList", list).add(nicks.build()).build());
    }

    /** The user's contact lists: GetList-Response names the default list once, as DefaultContactList. */
    static List<String> lists(CspClient client, String sid) {
        Element answer = client.request(V, sid, Element.empty("GetList-Request")).primitive();
        List<String> lists = new java.util.ArrayList<>(answer.childTexts("ContactList"));
        lists.addAll(answer.childTexts("DefaultContactList"));
        return lists;
    }

    static Reply block(CspClient client, String sid, String user) {
        return client.request(V, sid, Element.of("BlockEntity-Request", Element.builder("BlockList").leaf("InUse", "T")
                .add(Element.of("AddList", Element.leaf("UserID", "wv:" + user))).build()));
    }

    static Reply message(CspClient client, String sid, String to, String text) {
        return client.request(V, sid, Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:" + to)))).build())
                .leaf("ContentData", text).build());
    }

    static Reply poll(CspClient client, String sid) {
        return client.send(new CspMessage(V, SessionType.INBAND, sid,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
    }

    static final String GROUP = "wv:alice/chess";

    /**
     * Alice keeps a list with bob and carol and blocks mallory's friend frank; dave gets two messages
     * while offline; alice owns a discussion group that carol has joined and stays in (her session is
     * still live when the nodes go).
     */
    static void makeChanges(CspClient client) {
        String alice = session(client, "alice", "changes");
        assertEquals(200, createList(client, alice, "wv:alice/friends", "bob", "carol").code());
        assertEquals(200, block(client, alice, "frank").code());
        String bob = session(client, "bob", "sender");
        assertEquals(200, message(client, bob, "dave", "first while away").code());
        assertEquals(200, message(client, bob, "dave", "second while away").code());
        assertEquals(200, client.request(V, alice, Element.builder("CreateGroup-Request").leaf("GroupID", GROUP)
                .add(Element.of("GroupProperties", property("Name", "Chess"), property("Topic", "Openings")))
                .leaf("JoinGroup", "F").leaf("SubscribeNotification", "F").build()).code());
        String carol = session(client, "carol", "member");
        assertEquals("JoinGroup-Response", client.request(V, carol, joinGroup("Knight")).primitive().name());
        assertEquals(List.of("Knight"), joinedScreenNames(client, carol));
        client.request(V, alice, Element.empty("Logout-Request"));
        client.request(V, bob, Element.empty("Logout-Request"));
    }

    private static Element property(String name, String value) {
        return Element.builder("Property").leaf("Name", name).leaf("Value", value).build();
    }

    private static Element joinGroup(String screenName) {
        return Element.builder("JoinGroup-Request").leaf("GroupID", GROUP)
                .add(Element.builder("ScreenName").leaf("SName", screenName).leaf("GroupID", GROUP).build())
                .leaf("JoinedRequest", "F").leaf("SubscribeNotification", "F").build();
    }

    private static List<String> joinedScreenNames(CspClient client, String sid) {
        Element users = client.request(V, sid, Element.of("GetJoinedUsers-Request", Element.leaf("GroupID", GROUP))).primitive();
        return users.child("UserMapList").child("UserMapping").children("Mapping").stream().map(m -> m.childText("SName")).toList();
    }

    /**
     * After a restart of every node: the group with its owner and properties, but nobody joined (the
     * sessions that were are gone), so carol's screen name is free again.
     */
    static void checkGroup(CspClient client) {
        String erin = session(client, "erin", "group");
        Element props = client.request(V, erin, Element.of("GetGroupProps-Request", Element.leaf("GroupID", GROUP))).primitive();
        assertEquals("GetGroupProps-Response", props.name(), "the group is kept");
        List<String> names = props.child("GroupProperties").children("Property").stream()
                .map(p -> p.childText("Name") + "=" + p.childText("Value")).toList();
        assertEquals(List.of("Name=Chess", "Topic=Openings"), names, "with its properties");
        assertEquals(List.of(), joinedScreenNames(client, erin), "joined members do not outlive their sessions");
        assertEquals("JoinGroup-Response", client.request(V, erin, joinGroup("Knight")).primitive().name(),
                "the screen name of a member whose session is gone is free");
        String alice = session(client, "alice", "owner");
        assertEquals(200, client.request(V, alice, Element.builder("SetGroupProps-Request").leaf("GroupID", GROUP)
                .add(Element.of("GroupProperties", property("Topic", "Endgames"))).build()).code(), "alice still owns it");
        client.request(V, erin, Element.empty("Logout-Request"));
        client.request(V, alice, Element.empty("Logout-Request"));
    }

    /** Every change of {@link #makeChanges} is there; dave's messages are delivered once. */
    static void checkChanges(CspClient client) {
        String alice = session(client, "alice", "check");
        assertTrue(lists(client, alice).contains("wv:alice/friends"), "the contact list is kept");
        String frank = session(client, "frank", "blocked");
        assertEquals(532, message(client, frank, "alice", "let me in").code(), "the block is kept");
        String dave = session(client, "dave", "returns");
        List<String> got = client.drain(V, dave).stream().filter(p -> p.name().equals("NewMessage"))
                .map(p -> p.childText("ContentData")).toList();
        assertEquals(List.of("first while away", "second while away"), got, "kept messages, each once");
        client.request(V, dave, Element.empty("Logout-Request"));
        String daveAgain = session(client, "dave", "again");
        assertTrue(client.drain(V, daveAgain).stream().noneMatch(p -> p.name().equals("NewMessage")),
                "nothing is delivered twice");
        checkGroup(client);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(TestNode.mgmtRequest(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(TestNode.mgmtRequest(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
