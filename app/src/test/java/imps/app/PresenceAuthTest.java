package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence authorization over real HTTP (docs/services.md §4): reactive authorization in 1.1/1.2
 * (PresenceAuth-Request, PresenceAuth-User, CancelAuth-Request), GetReactiveAuthStatus (1.2),
 * GetWatcherList, and what 1.3 no longer has. Each test uses its own users, since decisions stay in
 * the cluster for the node's lifetime.
 */
class PresenceAuthTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** A session that negotiated every service (REACT included where the version has it). */
    private static String session(CspVersion v, String user) {
        String sid = client.login(v, user, "secret", user + "-" + System.nanoTime());
        client.request(v, sid, CspClient.serviceRequest());
        return sid;
    }

    private static void logout(CspVersion v, String... sids) {
        for (String sid : sids) {
            client.request(v, sid, Element.empty("Logout-Request"));
        }
    }

    private static Element attributes(String... names) {
        return Element.of("PresenceSubList", Arrays.stream(names).map(Element::empty).toList());
    }

    private static Element update(String statusText) {
        return Element.of("UpdatePresence-Request", Element.of("PresenceSubList",
                Element.of("OnlineStatus", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "T")),
                Element.of("ClientInfo", Element.leaf("Qualifier", "T"), Element.leaf("ClientType", "MOBILE_PHONE")),
                Element.of("StatusText", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", statusText))));
    }

    private static Element subscribe(String user) {
        return Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", user)));
    }

    private static Element getPresence(String user) {
        return Element.of("GetPresence-Request", Element.of("User", Element.leaf("UserID", user)));
    }

    private static Element answer(String watcher, boolean accept, Element granted) {
        return Element.builder("PresenceAuth-User").leaf("UserID", watcher).flag("Acceptance", accept).add(granted).build();
    }

    private static List<String> names(Element e) {
        return e.children().stream().map(Element::name).toList();
    }

    private static List<String> watchers(Reply r) {
        return r.primitive().children("Watcher").stream().map(w -> w.child("User").childText("UserID")).toList();
    }

    @Test
    void aSubscriptionWaitsForTheAnswerAndAnAcceptanceStartsItWithTheGrantedAttributes() {
        CspVersion v = CspVersion.V1_2;
        String dave = session(v, "dave");
        String erin = session(v, "erin");

        Element sub = Element.of("SubscribePresence-Request", Element.of("User", Element.leaf("UserID", "wv:dave")),
                attributes("OnlineStatus", "StatusText"));
        assertEquals(200, client.request(v, erin, sub).code(), "the subscription is made; it waits for dave");
        assertTrue(client.drain(v, erin).isEmpty(), "nothing of dave before he answers");
        List<Element> asked = client.drain(v, dave);
        assertEquals(1, asked.size(), asked.toString());
        assertEquals("PresenceAuth-Request", asked.get(0).name());
        assertEquals("wv:erin", asked.get(0).childText("UserID"));
        assertEquals(List.of("OnlineStatus", "StatusText"), names(asked.get(0).child("PresenceSubList")), "what erin asked for");
        assertEquals(200, client.request(v, dave, update("busy")).code());
        assertTrue(client.drain(v, erin).isEmpty(), "no notification while dave has not answered");

        Reply waiting = client.request(v, erin, getPresence("wv:dave"));
        assertEquals(521, waiting.code(), "unresponded presence request");
        assertEquals("wv:dave", waiting.primitive().child("Result").child("DetailedResult").childText("UserID"));
        assertTrue(waiting.primitive().children("Presence").isEmpty());

        assertEquals(200, client.request(v, dave, answer("wv:erin", true, attributes("OnlineStatus", "StatusText"))).code());
        List<Element> started = client.drain(v, erin);
        assertEquals(1, started.size(), "the waiting subscription starts with dave's current presence");
        Element presence = started.get(0).child("Presence");
        assertEquals("wv:dave", presence.childText("UserID"));
        assertEquals(List.of("OnlineStatus", "StatusText"), names(presence.child("PresenceSubList")), "ClientInfo was not granted");
        assertEquals("busy", presence.child("PresenceSubList").child("StatusText").childText("PresenceValue"));

        client.request(v, dave, update("free"));
        List<Element> later = client.drain(v, erin);
        assertEquals(1, later.size());
        Element changed = later.get(0).child("Presence").child("PresenceSubList");
        assertEquals(List.of("OnlineStatus", "StatusText"), names(changed), "notifications show only what was granted");
        assertEquals("free", changed.child("StatusText").childText("PresenceValue"));
        Reply get = client.request(v, erin, getPresence("wv:dave"));
        assertEquals(200, get.code());
        assertEquals(List.of("OnlineStatus", "StatusText"), names(get.primitive().child("Presence").child("PresenceSubList")));
        logout(v, dave, erin);
    }

    @Test
    void aRejectedWatcherGetsNothingAndTheDecisionIsReported() {
        CspVersion v = CspVersion.V1_2;
        String frank = session(v, "frank");
        String grace = session(v, "grace");
        assertEquals(200, client.request(v, grace, subscribe("wv:frank")).code());
        Element asked = client.drain(v, frank).get(0);
        assertEquals("wv:grace", asked.childText("UserID"));
        assertNull(asked.child("PresenceSubList"), "grace asked for everything");

        assertEquals(200, client.request(v, frank, answer("wv:grace", false, null)).code());
        client.request(v, frank, update("private"));
        assertTrue(client.drain(v, grace).isEmpty(), "nothing reaches a rejected watcher");
        assertEquals(532, client.request(v, grace, getPresence("wv:frank")).code(), "the user refused the caller");

        Reply status = client.request(v, frank, Element.empty("GetReactiveAuthStatus-Request"));
        assertEquals("GetReactiveAuthStatus-Response", status.primitive().name());
        assertEquals(200, status.code());
        Element decision = status.primitive().child("ReactiveAuthStatusList").child("ReactiveAuthStatus");
        assertEquals("wv:grace", decision.childText("UserID"));
        assertEquals("DENIED", decision.childText("ReactiveAuthState"));
        assertTrue(watchers(client.request(v, frank, Element.empty("GetWatcherList-Request"))).isEmpty());
        logout(v, frank, grace);
    }

    @Test
    void cancelAuthStopsTheNotificationsOfAnAcceptedWatcherInCsp11() {
        CspVersion v = CspVersion.V1_1;
        String alice = session(v, "alice");
        String bob = session(v, "bob");
        client.request(v, bob, subscribe("wv:alice"));
        assertEquals("PresenceAuth-Request", client.drain(v, alice).get(0).name());
        assertEquals(200, client.request(v, alice, answer("wv:bob", true, null)).code());
        assertEquals("PresenceNotification-Request", client.drain(v, bob).get(0).name());
        Reply listed = client.request(v, alice, Element.empty("GetWatcherList-Request"));
        assertEquals(List.of("wv:bob"), listed.primitive().childTexts("UserID"), "1.1 lists UserIDs");

        assertEquals(200, client.request(v, alice, Element.of("CancelAuth-Request", Element.leaf("UserID", "wv:bob"))).code());
        client.request(v, alice, update("after the cancel"));
        assertTrue(client.drain(v, bob).isEmpty(), "a cancelled grant delivers nothing more");
        assertTrue(client.request(v, alice, Element.empty("GetWatcherList-Request")).primitive().childTexts("UserID").isEmpty());
        assertEquals(531, client.request(v, alice, Element.of("CancelAuth-Request", Element.leaf("UserID", "wv:ghost"))).code());
        logout(v, alice, bob);
    }

    @Test
    void watcherListAndReactiveAuthStatusReflectTheDecisions() {
        CspVersion v = CspVersion.V1_2;
        String heidi = session(v, "heidi");
        String ivan = session(v, "ivan");
        String carol = session(v, "carol");
        client.request(v, ivan, subscribe("wv:heidi"));
        client.request(v, carol, subscribe("wv:heidi"));
        assertEquals(2, client.drain(v, heidi).size(), "one question per watcher");
        client.request(v, heidi, answer("wv:ivan", true, attributes("StatusText")));

        Reply all = client.request(v, heidi, Element.empty("GetReactiveAuthStatus-Request"));
        List<Element> decisions = all.primitive().child("ReactiveAuthStatusList").children("ReactiveAuthStatus");
        assertEquals(List.of("wv:ivan", "wv:carol"), decisions.stream().map(d -> d.childText("UserID")).toList());
        assertEquals(List.of("GRANTED", "PENDING"), decisions.stream().map(d -> d.childText("ReactiveAuthState")).toList());
        assertEquals(List.of("StatusText"), names(decisions.get(0).child("PresenceSubList")));
        Reply one = client.request(v, heidi, Element.of("GetReactiveAuthStatus-Request",
                Element.of("UserIDList", Element.leaf("UserID", "wv:carol"))));
        assertEquals(List.of("wv:carol"), one.primitive().child("ReactiveAuthStatusList").children("ReactiveAuthStatus").stream()
                .map(d -> d.childText("UserID")).toList());

        Reply list = client.request(v, heidi, Element.empty("GetWatcherList-Request"));
        assertEquals("GetWatcherList-Response", list.primitive().name());
        assertEquals(List.of("wv:ivan"), watchers(list), "carol still waits, so she does not watch yet");
        Reply none = client.request(v, heidi, Element.of("GetWatcherList-Request", Element.leaf("MaxWatcherList", "0")));
        assertTrue(watchers(none).isEmpty(), "bounded by MaxWatcherList");
        logout(v, heidi, ivan, carol);
    }

    @Test
    void contactsAndUsersWithoutReactAreSeenAtOnce() {
        CspVersion v = CspVersion.V1_2;
        String judy = session(v, "judy");
        client.request(v, judy, Element.builder("CreateList-Request").leaf("ContactList", "wv:judy/friends")
                .add(Element.of("NickList", Element.leaf("UserID", "wv:ken"))).build());
        String ken = session(v, "ken");
        client.request(v, ken, subscribe("wv:judy"));
        assertEquals("PresenceNotification-Request", client.drain(v, ken).get(0).name(), "judy listed ken herself");
        assertTrue(client.drain(v, judy).isEmpty(), "judy is not asked about a contact");

        String leo = client.login(v, "leo", "secret", "leo-" + System.nanoTime());
        client.request(v, leo, Element.builder("Service-Request").add(Element.of("Functions", Element.of("WVCSPFeat",
                Element.of("PresenceFeat", Element.empty("PresenceDeliverFunc"))))).leaf("AllFunctionsRequest", "F").build());
        client.request(v, ken, subscribe("wv:leo"));
        assertEquals("PresenceNotification-Request", client.drain(v, ken).get(0).name(), "leo's client cannot answer");
        assertTrue(client.drain(v, leo).isEmpty());
        logout(v, judy, ken, leo);
    }

    @Test
    void anUnansweredQuestionIsPutAgainAfterTheNextNegotiationOfReact() {
        CspVersion v = CspVersion.V1_2;
        String nina = session(v, "nina");
        String mike = session(v, "mike");
        client.request(v, mike, subscribe("wv:nina"));
        logout(v, nina);
        String again = session(v, "nina");
        List<Element> asked = client.drain(v, again);
        assertEquals(1, asked.size(), asked.toString());
        assertEquals("wv:mike", asked.get(0).childText("UserID"));
        client.request(v, again, answer("wv:mike", true, null));
        assertTrue(client.drain(v, mike).stream().anyMatch(p -> p.name().equals("PresenceNotification-Request")));
        logout(v, again, mike);
    }

    @Test
    void eachVersionOffersItsOwnAuthorizationFunctionsAndRefusesPrimitivesItDoesNotHave() {
        for (CspVersion v : CspVersion.values()) {
            String sid = client.login(v, "carol", "secret", "funcs-" + v.label() + "-" + System.nanoTime());
            Reply negotiated = client.request(v, sid, CspClient.serviceRequest());
            Element auth = negotiated.primitive().child("AllFunctions").child("WVCSPFeat").child("PresenceFeat")
                    .child("PresenceAuthFunc");
            List<String> expected = switch (v) {
                case V1_1 -> List.of("GETWL", "REACT", "CAAUT");
                case V1_2 -> List.of("GETWL", "REACT", "CAAUT", "GETAUT");
                case V1_3 -> List.of("GETWL");
            };
            assertEquals(expected, names(auth), v.label());
            assertEquals("GetWatcherList-Response", client.request(v, sid, Element.empty("GetWatcherList-Request")).primitive().name());
            if (v != CspVersion.V1_2) {
                Reply status = client.request(v, sid, Element.empty("GetReactiveAuthStatus-Request"));
                assertEquals("Status", status.primitive().name(), v.label());
                assertEquals(400, status.code(), "GetReactiveAuthStatus exists only in 1.2");
            }
            if (v == CspVersion.V1_3) {
                assertEquals(400, client.request(v, sid, answer("wv:bob", true, null)).code(), "no PresenceAuth-User in 1.3");
                assertEquals(400, client.request(v, sid, Element.of("CancelAuth-Request", Element.leaf("UserID", "wv:bob"))).code());
            }
            logout(v, sid);
        }
    }
}
