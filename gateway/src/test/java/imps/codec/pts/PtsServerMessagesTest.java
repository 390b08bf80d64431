package imps.codec.pts;

import imps.session.CapabilityNegotiation.CirReach;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.Result;
import imps.protocol.Result.DetailedResult;
import imps.protocol.SessionType;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.session.CapabilityNegotiation;
import imps.session.cir.CirOffer;
import imps.session.ClientCapabilities;
import imps.session.ServiceNegotiation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the gateway sends — responses and server-initiated primitives, built as the gateway builds
 * them — encodes to PTS that decodes to the very same message; where the Android engine's form is known
 * (docs/pts.md), the gateway writes exactly that.
 */
class PtsServerMessagesTest {
    private static final CirReach NOWHERE = new CirReach(null, null);
    private static final String SID = "S-7f3a2c91";
    private static final Element CLIENT_ID = Element.of("ClientID", Element.leaf("URL", "JiMMY"));

    private final PtsEncoder encoder = new PtsEncoder();
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);

    private static CspMessage response(CspVersion v, String sessionId, String tid, Element primitive) {
        return CspMessage.of(v, sessionId, Transaction.response(tid, primitive));
    }

    private static CspMessage response(String tid, Element primitive) {
        return response(CspVersion.V1_2, SID, tid, primitive);
    }

    private static CspMessage request(String tid, Element primitive) {
        return CspMessage.of(CspVersion.V1_2, SID, Transaction.request(tid, primitive));
    }

    /** Encodes, checks that decoding gives the message back, and returns the PTS text. */
    private String roundTrip(CspMessage m) throws DecodeException {
        byte[] pts = encoder.encode(m);
        assertEquals(m, decoder.decode(pts));
        return new String(pts, StandardCharsets.UTF_8);
    }

    private static Element result(StatusCode code, String description) {
        return Result.of(code, description).toElement();
    }

    @Test
    void loginResponses() throws DecodeException {
        Element success = Element.builder("Login-Response").add(CLIENT_ID)
                .add(result(StatusCode.OK, "Successfully logged in")).leaf("SessionID", SID)
                .leaf("KeepAliveTime", 600).flag("CapabilityRequest", true).build();
        assertEquals("WV12RL1 ST=(200,\"Successfully logged in\") SI=S-7f3a2c91 KA=600 CR=T CI=JiMMY",
                roundTrip(response(CspVersion.V1_2, null, "1", success)));

        Element challenge = Element.builder("Login-Response").add(CLIENT_ID)
                .add(result(StatusCode.UNAUTHORIZED, "Please complete the authentication challenge"))
                .leaf("Nonce", "b5f3c1e0a9d24e6f").leaf("DigestSchema", "MD5").build();
        assertEquals("WV12RL1 ST=(401,\"Please complete the authentication challenge\") NO=b5f3c1e0a9d24e6f DI=MD5 CI=JiMMY",
                roundTrip(response(CspVersion.V1_2, null, "1", challenge)));

        Element refused = Element.builder("Login-Response").add(CLIENT_ID).add(Result.of(StatusCode.fromCode(409)).toElement()).build();
        assertEquals("WV11RL2 ST=(409,\"Invalid password\") CI=JiMMY", roundTrip(response(CspVersion.V1_1, null, "2", refused)));
    }

    /** CSP 1.3 inline negotiation, with the system-message Result of a 436 refusal. */
    @Test
    void loginResponseWithInlineNegotiationAndSystemMessage() throws DecodeException {
        ClientCapabilities agreed = new CapabilityNegotiation(30, 65536, List.of("HTTP"), 5).agree(CspVersion.V1_3,
                Element.of("CapabilityList", Element.leaf("SupportedCIRMethod", "SSMS")), new CirOffer(List.of("SSMS"), null, null, null), SID,
                new CirReach("+15550001", null));
        Element acl = new CapabilityNegotiation(30, 65536, List.of("HTTP"), 5).response(CspVersion.V1_3, agreed, CLIENT_ID)
                .child("AgreedCapabilityList");
        ServiceNegotiation.Outcome services = services(Set.of("GETSPI", "GCLI", "GETPR", "UPDPR"))
                .negotiate(CspVersion.V1_3, null, true);
        Element inline = Element.builder("Login-Response").add(CLIENT_ID).add(Result.ok().toElement()).leaf("SessionID", SID)
                .leaf("KeepAliveTime", 600).flag("CapabilityRequest", false).add(acl).add(services.deniedFunctions())
                .add(services.allFunctions()).build();
        String pts = roundTrip(response(CspVersion.V1_3, null, "1", inline));
        assertEquals("WV13RL1 ST=(200,Successful) SI=S-7f3a2c91 KA=600 CR=F CI=JiMMY AP=((SB,HTTP),(SC,SS),(PM,30),(UL,5)) "
                + "NF=(SearchFunc,InviteFunc,VerifyIDFunc,CCLI,DCLI,MCLS,PresenceAuthFunc,IF,GE) "
                + "AF=(GETSPI,GCLI,GETPR,UPDPR)", pts);

        Element message = Element.builder("SystemMessage").leaf("SystemMessageID", "tos-1")
                .leaf("SystemMessageText", "Accept the terms, please").leaf("RequiresResponse", "T")
                .add(Element.of("AnswerOptions", Element.builder("AnswerOption").leaf("AnswerOptionID", "1")
                        .leaf("AnswerOptionText", "I accept").build())).build();
        Element gate = Element.builder("Login-Response").add(CLIENT_ID)
                .add(Result.of(StatusCode.fromCode(436)).withSystemMessages(Element.of("SystemMessageList", message)).toElement())
                .build();
        roundTrip(response(CspVersion.V1_3, null, "1", gate));
    }

    /** In a Login-Response SI is the new SessionID; a recovery answer's envelope Session-ID is not written. */
    @Test
    void recoveryLoginResponseCarriesOnlyTheContentSessionId() throws DecodeException {
        Element recovered = Element.builder("Login-Response").add(CLIENT_ID).add(result(StatusCode.OK, "Session recovered"))
                .leaf("SessionID", SID).leaf("KeepAliveTime", 600).flag("CapabilityRequest", false).build();
        CspMessage decoded = decoder.decode(encoder.encode(response(CspVersion.V1_2, SID, "4", recovered)));
        assertEquals(SessionType.OUTBAND, decoded.sessionType());
        assertNull(decoded.sessionId());
        assertEquals(recovered, decoded.first().primitive());
    }

    @Test
    void capabilityResponses() throws DecodeException {
        CapabilityNegotiation negotiation = new CapabilityNegotiation(30, 65536, List.of("HTTP", "SMS"), 5);
        Element list = Element.builder("CapabilityList").leaf("ClientType", "MOBILE_PHONE").leaf("InitialDeliveryMethod", "P")
                .leaf("AcceptedContentType", "text/plain").leaf("SupportedBearer", "SMS").leaf("SupportedCIRMethod", "SSMS")
                .leaf("SupportedCIRMethod", "STCP").leaf("SupportedCIRMethod", "SHTTP").leaf("ServerPollMin", "30").build();
        ClientCapabilities sms = negotiation.agree(CspVersion.V1_2, list, new CirOffer(List.of("SSMS"), null, null, null), SID,
                new CirReach("+15550001", null));
        assertEquals("WV12PC3 SI=S-7f3a2c91 AP=((SB,SMS),(SC,SS),(PM,30))",
                roundTrip(response("3", negotiation.response(CspVersion.V1_2, sms, CLIENT_ID))));

        CirOffer tcpAndHttp = new CirOffer(List.of("STCP", "SHTTP"), "192.0.2.10", 7000, "http://imps.example.net/cir/");
        ClientCapabilities tcp = negotiation.agree(CspVersion.V1_1, list, tcpAndHttp, SID, NOWHERE);
        assertEquals("WV11PC3 SI=S-7f3a2c91 CI=JiMMY CA=((CT,MP),(ID,P),(AC,text/plain),(AL,65536),(SB,SMS),(MT,1),(PS,65536),"
                        + "(SC,ST),(TA,192.0.2.10),(TP,7000),(PM,30))",
                roundTrip(response(CspVersion.V1_1, SID, "3", negotiation.response(CspVersion.V1_1, tcp, CLIENT_ID))));

        Element httpCir = Element.builder("CapabilityList").leaf("SupportedCIRMethod", "SHTTP").build();
        ClientCapabilities http12 = negotiation.agree(CspVersion.V1_2, httpCir, tcpAndHttp, SID, NOWHERE);
        assertEquals("WV12PC3 SI=S-7f3a2c91 AP=((SB,HTTP),(SC,SHTTP),(PM,30),(CI,http://imps.example.net/cir/S-7f3a2c91))",
                roundTrip(response("3", negotiation.response(CspVersion.V1_2, http12, CLIENT_ID))));
        ClientCapabilities http13 = negotiation.agree(CspVersion.V1_3, httpCir, tcpAndHttp, SID, NOWHERE);
        assertEquals("WV13PC3 SI=S-7f3a2c91 AP=((SB,HTTP),(SC,SHTTP),(PM,30),"
                        + "(CIRHTTPAddress,((URL,http://imps.example.net/cir/S-7f3a2c91))),(UL,5))",
                roundTrip(response(CspVersion.V1_3, SID, "3", negotiation.response(CspVersion.V1_3, http13, CLIENT_ID))));
    }

    @Test
    void serviceResponses() throws DecodeException {
        ServiceNegotiation negotiation = services(Set.of("GETSPI", "GCLI", "CCLI", "DCLI", "MCLS", "GETPR",
                "UPDPR", "NEWM", "GETM"));
        Element requested = Element.of("Functions", Element.of("WVCSPFeat", Element.empty("FundamentalFeat"),
                Element.empty("PresenceFeat"), Element.empty("IMFeat"), Element.empty("GroupFeat")));
        ServiceNegotiation.Outcome o = negotiation.negotiate(CspVersion.V1_2, requested, true);
        Element response = Element.builder("Service-Response").add(o.deniedFunctions()).add(o.allFunctions()).build();
        assertEquals("WV12QS4 SI=S-7f3a2c91 NF=(SearchFunc,InviteFunc,VerifyIDFunc,PresenceAuthFunc,AttListFunc,IMSendFunc,"
                        + "SETD,GETLM,REJCM,NOTIF,IMAuthFunc,GE) AF=(GETSPI,GCLI,CCLI,DCLI,MCLS,GETPR,UPDPR,GETM,NEWM)",
                roundTrip(response("4", response)));
        Element v11 = Element.builder("Service-Response").add(CLIENT_ID).add(o.allFunctions()).build();
        roundTrip(response(CspVersion.V1_1, SID, "4", v11));
    }

    @Test
    void keepAliveResponses() throws DecodeException {
        Element ok = Element.builder("KeepAlive-Response").add(Result.ok().toElement()).leaf("KeepAliveTime", 600).build();
        assertEquals("WV12AK5 SI=S-7f3a2c91 ST=(200,Successful) KA=600", roundTrip(response("5", ok)));
        Element refused = Element.builder("KeepAlive-Response")
                .add(result(StatusCode.NEW_VALUE_NOT_ACCEPTED, "TimeToLive must be at most 3600 seconds"))
                .leaf("KeepAliveTime", 600).build();
        assertEquals("WV12AK5 SI=S-7f3a2c91 ST=(605,\"TimeToLive must be at most 3600 seconds\") KA=600",
                roundTrip(response("5", refused)));
    }

    @Test
    void statusWithAndWithoutDescription() throws DecodeException {
        Element bare = Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
        assertEquals("WV12ST6 SI=S-7f3a2c91 ST=200", roundTrip(response("6", bare)));
        assertEquals("WV12ST6 SI=S-7f3a2c91 ST=(200,Successful)", roundTrip(response("6", StatusRules.ok())));
        assertEquals("WV12ST7 SI=S-7f3a2c91 ST=(400,\"Bad \"\"SI\"\", or (worse) a=b & c\")",
                roundTrip(response("7", StatusRules.malformed("Bad \"SI\", or (worse) a=b & c"))));
    }

    /** DetailedResult members follow the description (docs/pts.md). */
    @Test
    void statusWithDetailedResults() throws DecodeException {
        Element partial = StatusRules.status(Result.fromParts(1, List.of(DetailedResult.forUser(StatusCode.UNKNOWN_USER, "wv:zed"),
                new DetailedResult(StatusCode.CONTACT_LIST_NOT_FOUND, null, List.of(Element.leaf("ContactList", "wv:alice/x"),
                        Element.of("ScreenName", Element.leaf("SName", "Al"), Element.leaf("GroupID", "wv:/g")))))));
        assertEquals("WV12ST8 SI=S-7f3a2c91 ST=(201,\"Partially successful\",(531,\"Unknown user\",(UI,wv:zed)),"
                + "(700,,(CL,wv:alice/x),(SN,((SA,Al),(GI,wv:/g)))))", roundTrip(response("8", partial)));
    }

    @Test
    void disconnect() throws DecodeException {
        Element expired = Element.of("Disconnect", Result.of(StatusCode.SESSION_EXPIRED).toElement());
        assertEquals("WV12DI3 SI=S-7f3a2c91 ST=(600,\"Session expired\")", roundTrip(request("3", expired)));
        CspMessage v13 = CspMessage.of(CspVersion.V1_3, SID, Transaction.request(null, expired));
        CspMessage decoded = decoder.decode(encoder.encode(v13));
        assertEquals("0", decoded.first().transactionId(), "PTS always has a TransactionID; none is written as 0");
        assertEquals(expired, decoded.first().primitive());
    }

    @Test
    void contactListResponses() throws DecodeException {
        Element lists = Element.builder("GetList-Response").leaf("ContactList", "wv:alice/friends")
                .leaf("ContactList", "wv:alice/work").leaf("DefaultContactList", "wv:alice/friends").build();
        assertEquals("WV12LG33 SI=S-7f3a2c91 CL=(wv:alice/friends,wv:alice/work) DL=wv:alice/friends", roundTrip(response("33", lists)));
        assertEquals("WV12LG33 SI=S-7f3a2c91", roundTrip(response("33", Element.empty("GetList-Response"))));

        Element managed = Element.builder("ListManage-Response").add(Result.ok().toElement())
                .add(Element.of("NickList", Element.builder("NickName").leaf("Name", "Bob B.").leaf("UserID", "wv:bob").build(),
                        Element.of("NickName", Element.leaf("UserID", "wv:carol"))))
                .add(Element.of("ContactListProperties",
                        Element.builder("Property").leaf("Name", "DisplayName").leaf("Value", "My friends").build(),
                        Element.builder("Property").leaf("Name", "Default").leaf("Value", "T").build()))
                .build();
        assertEquals("WV12ML31 SI=S-7f3a2c91 ST=(200,Successful) UN=((\"Bob B.\",wv:bob),(,wv:carol)) "
                + "CP=((DN,\"My friends\"),(DE,T))", roundTrip(response("31", managed)));
        Element emptyList = Element.builder("ListManage-Response").add(Result.ok().toElement()).add(Element.empty("NickList"))
                .add(Element.of("ContactListProperties", Element.builder("Property").leaf("Name", "Default").leaf("Value", "F").build()))
                .build();
        assertEquals("WV12ML31 SI=S-7f3a2c91 ST=(200,Successful) UN=\"\" CP=((DE,F))", roundTrip(response("31", emptyList)));
    }

    private static Element attribute(String name, String value) {
        return Element.of(name, Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", value));
    }

    @Test
    void presence() throws DecodeException {
        Element bob = Element.of("Presence", Element.leaf("UserID", "wv:bob@example.net"),
                Element.of("PresenceSubList", attribute("OnlineStatus", "T"), attribute("UserAvailability", "AVAILABLE")));
        assertEquals("WV12PN17 SI=S-7f3a2c91 PR=(wv:bob@example.net,((OS,T,T),(UA,T,AV)))",
                roundTrip(request("17", Element.of("PresenceNotification-Request", bob))));

        Element clientInfo = Element.of("ClientInfo", Element.leaf("Qualifier", "T"), Element.leaf("ClientType", "MOBILE_PHONE"),
                Element.leaf("ClientProducer", "ACME Phones, Inc."), CLIENT_ID, Element.leaf("ApplicationID", "chat"));
        Element carol = Element.of("Presence", Element.leaf("UserID", "wv:carol"), Element.of("PresenceSubList",
                attribute("OnlineStatus", "F"), clientInfo, attribute("StatusText", "Out (back soon)"),
                Element.of("StatusContent", Element.leaf("Qualifier", "T"), Element.leaf("DirectContent", "R0lGODlhAQABAAAAACw="),
                        Element.leaf("ContentType", "image/gif")),
                Element.of("CommCap", Element.leaf("Qualifier", "T"), Element.of("CommC", Element.leaf("Cap", "IM"),
                        Element.leaf("Status", "OPEN")))));
        Element dave = Element.of("Presence", Element.leaf("UserID", "wv:dave"));
        Element get = Element.builder("GetPresence-Response").add(Result.ok().toElement()).add(bob).add(carol).add(dave).build();
        assertEquals("WV12PG9 SI=S-7f3a2c91 ST=(200,Successful) PR=((wv:bob@example.net,((OS,T,T),(UA,T,AV))),"
                + "(wv:carol,((OS,T,F),(CF,T,((CT,MP),(CP,\"ACME Phones, Inc.\"),(ClientID,((URL,JiMMY))),(ApplicationID,chat))),"
                + "(ST,T,\"Out (back soon)\"),(SC,T,((DirectContent,\"R0lGODlhAQABAAAAACw=\"),(CY,image/gif))),"
                + "(CommCap,T,((CommC,((Cap,IM),(Status,OPEN))))))),(wv:dave))", roundTrip(response("9", get)));
    }

    private static Element messageInfo(Element sender) {
        return Element.builder("MessageInfo").leaf("MessageID", "M1000").leaf("ContentType", "text/plain")
                .leaf("ContentSize", 12).add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob"))))
                .add(Element.of("Sender", sender)).leaf("DateTime", "20261121T165838Z").build();
    }

    @Test
    void instantMessages() throws DecodeException {
        Element fromUser = Element.of("User", Element.leaf("UserID", "wv:alice"));
        Element newMessage = Element.builder("NewMessage").add(messageInfo(fromUser)).leaf("ContentData", "Hi \"Bob\", ça va?").build();
        assertEquals("WV12NM12 SI=S-7f3a2c91 MF=((MI,M1000),(CY,text/plain),(CZ,12),(RE,((US,((UI,wv:bob))))),"
                + "(SE,((US,((UI,wv:alice))))),(DT,20261121T165838Z)) CD=\"Hi \"\"Bob\"\", ça va?\"", roundTrip(request("12", newMessage)));

        Element fromScreenName = Element.of("Group", Element.of("ScreenName", Element.leaf("SName", "Al"),
                Element.leaf("GroupID", "wv:alice/chat")));
        CspMessage groupMessage = request("13", Element.builder("NewMessage").add(messageInfo(fromScreenName))
                .leaf("ContentData", "hello").build());
        roundTrip(groupMessage);
        assertEquals(groupMessage, new PtsDecoder(new PtsLimits(4096, 8, 64, 256)).decode(encoder.encode(groupMessage)),
                "the deepest form the gateway writes needs 8 levels of groups (docs/pts.md §7)");

        roundTrip(response("29", Element.builder("SendMessage-Response").add(Result.ok().toElement()).leaf("MessageID", "M1000").build()));
        roundTrip(response("30", Element.of("GetMessageList-Response", messageInfo(fromUser), messageInfo(fromScreenName))));
        roundTrip(response("31", Element.builder("GetMessage-Response").add(messageInfo(fromUser)).leaf("ContentData", "x").build()));
        roundTrip(request("14", Element.builder("DeliveryReport-Request").add(Result.ok().toElement())
                .leaf("DeliveryTime", "20261121T165900Z").add(messageInfo(fromUser)).build()));
    }

    @Test
    void blockedLists() throws DecodeException {
        Element entities = Element.of("EntityList", Element.leaf("UserID", "wv:eve"), Element.leaf("UserID", "wv:mallory"));
        Element v12 = Element.of("GetBlockedList-Response",
                Element.of("BlockList", Element.leaf("InUse", "T"), entities),
                Element.of("GrantList", Element.leaf("InUse", "F"), Element.empty("EntityList")));
        assertEquals("WV12BG21 SI=S-7f3a2c91 BL=((IU,T),(EL,((UI,wv:eve),(UI,wv:mallory)))) GT=((IU,F),(EL))",
                roundTrip(response("21", v12)));
        Element v13 = Element.of("GetBlockedList-Response", Element.leaf("BlockListInUse", "T"), Element.leaf("GrantListInUse", "F"),
                Element.of("BlockList", entities), Element.of("GrantList", Element.empty("EntityList")));
        roundTrip(response(CspVersion.V1_3, SID, "21", v13));
    }

    @Test
    void groups() throws DecodeException {
        Element mapping = Element.of("UserMapList", Element.of("UserMapping",
                Element.of("Mapping", Element.leaf("SName", "Al"), Element.leaf("UserID", "wv:alice")),
                Element.of("Mapping", Element.leaf("SName", "Bob"), Element.leaf("UserID", "wv:bob"))));
        Element welcome = Element.of("WelcomeNote", Element.leaf("ContentType", "text/plain"), Element.leaf("ContentData", "Welcome!"));
        roundTrip(response("50", Element.of("JoinGroup-Response", mapping, welcome)));
        roundTrip(response("51", Element.of("GetJoinedUsers-Response", mapping)));

        Element left = Element.of("LeaveGroup-Response", Element.leaf("GroupID", "wv:alice/chat"), Result.ok().toElement());
        assertEquals("WV12VL52 SI=S-7f3a2c91 GI=wv:alice/chat ST=(200,Successful)", roundTrip(response("52", left)));
        assertEquals("WV12LF9 SI=S-7f3a2c91 GI=wv:alice/chat ST=(200,Successful)", roundTrip(request("9", left)));

        Element props = Element.of("GetGroupProps-Response",
                Element.of("GroupProperties", Element.of("Property", Element.leaf("Name", "Topic"), Element.leaf("Value", "Lunch")),
                        Element.of("Property", Element.leaf("Name", "Accesstype"), Element.leaf("Value", "Open")), welcome),
                Element.of("OwnProperties", Element.of("Property", Element.leaf("Name", "IsMember"), Element.leaf("Value", "T"))));
        assertEquals("WV12OG53 SI=S-7f3a2c91 GR=((Topic,Lunch),(Accesstype,Open),(WN,((CY,text/plain),(CD,Welcome!)))) "
                + "OP=((IsMember,T))", roundTrip(response("53", props)));
        roundTrip(response("54", Element.of("SubscribeGroupNotice-Response", Element.leaf("Value", "T"))));

        Element joined = Element.of("GroupChangeNotice", Element.leaf("GroupID", "wv:alice/chat"), Element.of("Joined", mapping));
        roundTrip(request("10", joined));
        Element leftNotice = Element.of("GroupChangeNotice", Element.leaf("GroupID", "wv:alice/chat"), Element.of("Left",
                Element.of("UserList", Element.of("ScreenName", Element.leaf("SName", "Bob"), Element.leaf("GroupID", "wv:alice/chat")))));
        assertEquals("WV12GC11 SI=S-7f3a2c91 GI=wv:alice/chat LT=((UL,((SN,((SA,Bob),(GI,wv:alice/chat))))))",
                roundTrip(request("11", leftNotice)));
    }

    @Test
    void serviceProviderInfo() throws DecodeException {
        Element info = Element.builder("GetSPInfo-Response").add(CLIENT_ID).leaf("Name", "Example IMPS")
                .leaf("Description", "Chat, presence & more").leaf("URL", "http://imps.example.net/").build();
        assertEquals("WV12SG2 CI=JiMMY Name=\"Example IMPS\" Description=\"Chat, presence & more\" URL=http://imps.example.net/",
                roundTrip(response(CspVersion.V1_2, null, "2", info)));
    }

    /** A negotiation whose gateway implements the same leaves in every version. */
    private static ServiceNegotiation services(Set<String> leaves) {
        java.util.Map<CspVersion, Set<String>> byVersion = new java.util.EnumMap<>(CspVersion.class);
        for (CspVersion v : CspVersion.values()) {
            byVersion.put(v, leaves);
        }
        return new ServiceNegotiation(new imps.session.ImplementedLeaves(byVersion));
    }
}
