package imps.codec.pts;

import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The encoder's choice of forms (compact, else the next, else the full name) and what it refuses. */
class PtsEncoderTest {
    private final PtsEncoder encoder = new PtsEncoder();
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);

    private String encode(TransactionMode mode, Element primitive) throws DecodeException {
        CspMessage m = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S-1", List.of(new Transaction(mode, "5", primitive)), null, null);
        byte[] pts = encoder.encode(m);
        assertEquals(m, decoder.decode(pts), "decodes to what was encoded");
        return new String(pts, StandardCharsets.UTF_8);
    }

    private String request(Element primitive) throws DecodeException {
        return encode(TransactionMode.REQUEST, primitive);
    }

    @Test
    void clientIdForms() throws DecodeException {
        assertEquals("WV12GS5 SI=S-1 CI=+358401234567",
                request(Element.of("GetSPInfo-Request", Element.of("ClientID", Element.leaf("MSISDN", "+358401234567")))));
        assertEquals("WV12GS5 SI=S-1 CI=(12345,)",
                request(Element.of("GetSPInfo-Request", Element.of("ClientID", Element.leaf("URL", "12345")))));
        assertEquals("WV12GS5 SI=S-1 CI=(,app-7)",
                request(Element.of("GetSPInfo-Request", Element.of("ClientID", Element.leaf("MSISDN", "app-7")))));
        assertEquals("WV12GS5 SI=S-1 CI=(http://c.example,+358401234567)", request(Element.of("GetSPInfo-Request",
                Element.of("ClientID", Element.leaf("URL", "http://c.example"), Element.leaf("MSISDN", "+358401234567")))));
        assertEquals("WV13GS5 SI=S-1 ClientID=((URL,JiMMY),(ApplicationID,chat))", new String(encoder.encode(CspMessage.of(
                CspVersion.V1_3, "S-1", Transaction.request("5", Element.of("GetSPInfo-Request", Element.of("ClientID",
                        Element.leaf("URL", "JiMMY"), Element.leaf("ApplicationID", "chat")))))), StandardCharsets.UTF_8));
    }

    /** A form that cannot carry an element exactly gives way to the next one. */
    @Test
    void compactFormsGiveWayWhenTheyWouldLoseSomething() throws DecodeException {
        Element userWithClient = Element.of("User", Element.leaf("UserID", "wv:bob"), Element.of("ClientID", Element.leaf("URL", "x")));
        assertEquals("WV12GP5 SI=S-1 UI=(wv:alice,wv:carol)", request(Element.of("GetPresence-Request",
                Element.of("User", Element.leaf("UserID", "wv:alice")), Element.of("User", Element.leaf("UserID", "wv:carol")))));
        // all Users go one way, so that their order survives
        assertEquals("WV12GP5 SI=S-1 US=((UI,wv:alice)) US=((UI,wv:bob),(CI,x))", request(Element.of("GetPresence-Request",
                Element.of("User", Element.leaf("UserID", "wv:alice")), userWithClient)));
        assertEquals("WV12LM5 SI=S-1 CL=wv:alice/f AddNickList=((NickName,((Name,bob))))", request(Element.of("ListManage-Request",
                Element.leaf("ContactList", "wv:alice/f"), Element.of("AddNickList", Element.of("NickName", Element.leaf("Name", "bob"))))));
        Element literalCode = Element.of("UserAvailability", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "AV"));
        assertEquals("WV12UP5 SI=S-1 PresenceSubList=((UserAvailability,((Qualifier,T),(PresenceValue,AV))))",
                request(Element.of("UpdatePresence-Request", Element.of("PresenceSubList", literalCode))));
        assertEquals("WV12CL5 SI=S-1 CL=wv:alice/f ContactListProperties=((Property,((Name,DN),(Value,x))))",
                request(Element.of("CreateList-Request", Element.leaf("ContactList", "wv:alice/f"), Element.of("ContactListProperties",
                        Element.of("Property", Element.leaf("Name", "DN"), Element.leaf("Value", "x"))))));
    }

    /** PresenceSubList: values (UV) in UpdatePresence, names (PS) elsewhere, whichever carries it. */
    @Test
    void presenceSubListForms() throws DecodeException {
        Element names = Element.of("PresenceSubList", Element.empty("OnlineStatus"), Element.empty("StatusText"));
        assertEquals("WV12GP5 SI=S-1 UI=wv:bob PS=(OS,ST)",
                request(Element.of("GetPresence-Request", Element.of("User", Element.leaf("UserID", "wv:bob")), names)));
        assertEquals("WV12UP5 SI=S-1 UV=((OS),(ST))", request(Element.of("UpdatePresence-Request", names)));
        Element values = Element.of("PresenceSubList", Element.of("OnlineStatus", Element.leaf("Qualifier", "T"),
                Element.leaf("PresenceValue", "T")));
        assertEquals("WV12CA5 SI=S-1 UV=((OS,T,T)) DL=T",
                request(Element.of("CreateAttributeList-Request", values, Element.leaf("DefaultList", "T"))));
        Element qualifierOnly = Element.of("PresenceSubList", Element.of("OnlineStatus", Element.leaf("Qualifier", "F")));
        assertEquals("WV12UP5 SI=S-1 UV=((OS,F,))", request(Element.of("UpdatePresence-Request", qualifierOnly)));
    }

    @Test
    void elementsOfAnyNameTravelByFullName() throws DecodeException {
        Element search = Element.builder("Search-Request").add(Element.of("SearchPairList",
                Element.leaf("SearchElement", "USER_ALIAS"), Element.leaf("SearchString", "Bob (the builder)")))
                .leaf("SearchLimit", 10).build();
        assertEquals("WV12SR5 SI=S-1 SearchPairList=((SearchElement,USER_ALIAS),(SearchString,\"Bob (the builder)\")) SearchLimit=10",
                request(search));
        assertEquals("WV12SR5 SI=S-1 SearchID=a SearchID=b", request(Element.of("Search-Request",
                Element.leaf("SearchID", "a"), Element.leaf("SearchID", "b"))));
    }

    @Test
    void flagsThatPtsDoesNotCarryAreLeftOut() {
        Element ok = Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
        CspMessage withFlags = new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S-1", List.of(Transaction.response("5", ok)), true, true);
        assertEquals("WV12ST5 SI=S-1 ST=200", new String(encoder.encode(withFlags), StandardCharsets.UTF_8));
    }

    @Test
    void whatPtsCannotCarryIsRefused() {
        Element ok = Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S-1",
                List.of(Transaction.response("1", ok), Transaction.response("2", ok)), null, null)));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.request("1", Element.empty("Frobnicate-Request")))));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.request("1", ok))), "Status is never a request");
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.response("IMApp01#12345", ok))));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.response("1000", ok))));
        Element mixed = Element.builder("Search-Request").add(Element.builder("SearchPairList").text("t")
                .add(Element.leaf("SearchElement", "x")).build()).build();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.request("1", mixed))));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(CspMessage.of(CspVersion.V1_2, "S-1",
                Transaction.request("1", Element.of("Search-Request", Element.leaf("XY", "1"))))), "two letters are codes");
    }
}
