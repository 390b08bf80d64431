package imps.codec.pts;

import imps.TestData;
import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.SessionType;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A PTS request decodes to exactly the message the XML decoder gives for the same request in XML:
 * the session core reads those trees and must not care which syntax the client used.
 */
class PtsXmlEquivalenceTest {
    private final PtsDecoder pts = new PtsDecoder(PtsLimits.DEFAULT);
    private final XmlDecoder xml = new XmlDecoder(XmlLimits.DEFAULT);

    private CspMessage pts(String message) throws DecodeException {
        return pts.decode(message.getBytes(StandardCharsets.UTF_8));
    }

    private CspMessage xml(CspVersion v, String sessionId, TransactionMode mode, String tid, String primitive)
            throws DecodeException {
        String session = sessionId == null
                ? "<SessionDescriptor><SessionType>Outband</SessionType></SessionDescriptor>"
                : "<SessionDescriptor><SessionType>Inband</SessionType><SessionID>" + sessionId + "</SessionID></SessionDescriptor>";
        String body = "<WV-CSP-Message xmlns=\"" + v.cspNamespace() + "\"><Session>" + session
                + "<Transaction><TransactionDescriptor><TransactionMode>" + mode.wire() + "</TransactionMode><TransactionID>"
                + tid + "</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"" + v.trcNamespace() + "\">"
                + primitive + "</TransactionContent></Transaction></Session></WV-CSP-Message>";
        return xml.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    private CspMessage xmlRequest(String sessionId, String tid, String primitive) throws DecodeException {
        return xml(CspVersion.V1_2, sessionId, TransactionMode.REQUEST, tid, primitive);
    }

    @Test
    void twoWayLoginOfPtsSection5() throws DecodeException {
        assertEquals(xmlRequest(null, "1", "<Login-Request><UserID>wv:alice@example.net</UserID>"
                        + "<ClientID><URL>http://client.example.net/imps</URL></ClientID><TimeToLive>1200</TimeToLive>"
                        + "<SessionCookie>wv:alice.1234</SessionCookie><Password>secret</Password></Login-Request>"),
                pts("WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 PW=secret UI=wv:alice@example.net"));
    }

    /** docs/pts.md §2, §4.2: the schemes come as repeated SH, as a group, as DI, in any case and any order. */
    @ParameterizedTest
    @ValueSource(strings = {
            "WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 SH=MD5 SH=SHA UI=wv:alice@example.net",
            "WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 SH=(MD5,SHA) UI=wv:alice@example.net",
            "WV12LR1 UI=wv:alice@example.net DI=MD5 SC=wv:alice.1234 DI=SHA TL=1200 CI=http://client.example.net/imps",
            "WV12lr1 ci=http://client.example.net/imps tl=1200 sc=wv:alice.1234 sh=MD5 Sh=SHA ui=wv:alice@example.net"})
    void fourWayLoginSchemes(String line) throws DecodeException {
        assertEquals(xmlRequest(null, "1", "<Login-Request><UserID>wv:alice@example.net</UserID>"
                + "<ClientID><URL>http://client.example.net/imps</URL></ClientID><TimeToLive>1200</TimeToLive>"
                + "<SessionCookie>wv:alice.1234</SessionCookie><DigestSchema>MD5</DigestSchema>"
                + "<DigestSchema>SHA</DigestSchema></Login-Request>"), pts(line));
    }

    @Test
    void fourWayLoginSecondRound() throws DecodeException {
        assertEquals(xmlRequest(null, "1", "<Login-Request><UserID>wv:alice@example.net</UserID>"
                        + "<ClientID><URL>http://client.example.net/imps</URL></ClientID><TimeToLive>1200</TimeToLive>"
                        + "<SessionCookie>wv:alice.1234</SessionCookie><DigestBytes>fvuaXWP98TYHCqEveeL/Mw==</DigestBytes>"
                        + "</Login-Request>"),
                pts("WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 DB=\"fvuaXWP98TYHCqEveeL/Mw==\" "
                        + "UI=wv:alice@example.net"));
    }

    /** The Android recovery login is Inband, the old Session-ID in the envelope (docs/conformance.md). */
    @Test
    void recoveryLoginCarriesTheOldSessionInTheEnvelope() throws DecodeException {
        CspMessage m = pts("WV12LR4 SI=S-7f3a2c91 CI=+358401234567 TL=1200 SC=wv:alice.1234 PW=secret UI=alice");
        assertEquals(xmlRequest("S-7f3a2c91", "4", "<Login-Request><UserID>alice</UserID>"
                + "<ClientID><MSISDN>+358401234567</MSISDN></ClientID><TimeToLive>1200</TimeToLive>"
                + "<SessionCookie>wv:alice.1234</SessionCookie><Password>secret</Password></Login-Request>"), m);
        assertEquals(SessionType.INBAND, m.sessionType());
    }

    /** What the Android engine's PTS serializer wrote, against what the same engine sent as XML. */
    @ParameterizedTest
    @CsvSource({
            "pts-csp1.1-2way-Login-Request.txt, csp1.1-2way/0001-A-C2S-Login-Request.http",
            "pts-csp1.2-2way-Login-Request.txt, csp1.2-2way/0001-A-C2S-Login-Request.http",
            "pts-csp1.3-2way-Login-Request.txt, csp1.3-2way/0001-A-C2S-Login-Request.http",
            "pts-csp1.1-4way-Login-Request.txt, csp1.1-4way/0001-A-C2S-Login-Request.http",
            "pts-csp1.2-4way-Login-Request.txt, csp1.2-4way/0001-A-C2S-Login-Request.http",
            "pts-csp1.3-4way-Login-Request.txt, csp1.3-4way/0001-A-C2S-Login-Request.http",
            "pts-csp1.1-Logout-Request.txt, csp1.1-2way/0013-A-C2S-Logout-Request.http",
            "pts-csp1.2-Logout-Request.txt, csp1.2-2way/0013-A-C2S-Logout-Request.http",
            "pts-csp1.3-Logout-Request.txt, csp1.3-2way/0013-A-C2S-Logout-Request.http"})
    void recordedAndroidRequests(String ptsFile, String xmlFile) throws DecodeException {
        Path requests = TestData.realClientRequests();
        CspMessage fromPts = pts.decode(TestData.readString(requests.resolve("sms-pts").resolve(ptsFile)).getBytes(StandardCharsets.UTF_8));
        // The two recordings come from different runs: give the XML the run's cookie, session and transaction.
        String body = TestData.bodyText(requests.resolve(xmlFile))
                .replaceAll("<TransactionID>[^<]*</TransactionID>", "<TransactionID>" + fromPts.first().transactionId() + "</TransactionID>")
                .replaceAll("<SessionID>[^<]*</SessionID>", "<SessionID>" + fromPts.sessionId() + "</SessionID>");
        String cookie = fromPts.first().primitive().childText("SessionCookie");
        if (cookie != null) {
            body = body.replaceAll("<SessionCookie>[^<]*</SessionCookie>", "<SessionCookie>" + cookie + "</SessionCookie>");
        }
        assertEquals(xml.decode(body.getBytes(StandardCharsets.UTF_8)), fromPts);
    }

    @Test
    void capabilityRequest() throws DecodeException {
        assertEquals(xmlRequest("S-7f3a2c91", "3", "<ClientCapability-Request><CapabilityList><ClientType>MOBILE_PHONE</ClientType>"
                        + "<ParserSize>262144</ParserSize><MultiTrans>1</MultiTrans><InitialDeliveryMethod>P</InitialDeliveryMethod>"
                        + "<ServerPollMin>30</ServerPollMin><SupportedBearer>HTTP</SupportedBearer>"
                        + "<SupportedCIRMethod>STCP</SupportedCIRMethod><SupportedCIRMethod>SSMS</SupportedCIRMethod>"
                        + "<AcceptedContentLength>262144</AcceptedContentLength><SupportedCIRMethod>SHTTP</SupportedCIRMethod>"
                        + "</CapabilityList></ClientCapability-Request>"),
                pts("WV12CP3 SI=S-7f3a2c91 CA=((CT,MP),(PS,262144),(MT,1),(ID,P),(PM,30),(SB,HTTP),(SC,ST),(SC,SS),"
                        + "(AL,262144),(SupportedCIRMethod,SHTTP))"));
    }

    @Test
    void serviceRequest() throws DecodeException {
        assertEquals(xmlRequest("S-7f3a2c91", "4", "<Service-Request><Functions><WVCSPFeat><FundamentalFeat/><PresenceFeat/>"
                        + "<IMFeat/><GroupFeat/></WVCSPFeat></Functions><AllFunctionsRequest>T</AllFunctionsRequest></Service-Request>"),
                pts("WV12SQ4 SI=S-7f3a2c91 RF=(FF,PF,IF,GE) AR=T"));
    }

    /** Functions and leaves are put back in their places of the service tree. */
    @Test
    void serviceRequestForSingleFunctions() throws DecodeException {
        assertEquals(xmlRequest("S-1", "4", "<Service-Request><Functions><WVCSPFeat><PresenceFeat><ContListFunc/>"
                        + "<PresenceDeliverFunc><GETPR/><UPDPR/></PresenceDeliverFunc></PresenceFeat>"
                        + "<FundamentalFeat><ServiceFunc><GETSPI/></ServiceFunc></FundamentalFeat><IMFeat><MM/></IMFeat>"
                        + "</WVCSPFeat></Functions><AllFunctionsRequest>F</AllFunctionsRequest></Service-Request>"),
                pts("WV12SQ4 SI=S-1 RF=(ContListFunc,GETPR,GETSPI,UPDPR,MM) AR=F"));
    }

    @Test
    void keepAliveAndPollingAndStatus() throws DecodeException {
        assertEquals(xmlRequest("S-1", "5", "<KeepAlive-Request><TimeToLive>1200</TimeToLive></KeepAlive-Request>"),
                pts("WV12KA5 SI=S-1 TL=1200"));
        assertEquals(xmlRequest("S-1", "0", "<Polling-Request/>"), pts("WV12PO0 SI=S-1"));
        assertEquals(xml(CspVersion.V1_2, "S-1", TransactionMode.RESPONSE, "17", "<Status><Result><Code>200</Code></Result></Status>"),
                pts("WV12ST17 SI=S-1 ST=200"));
    }

    @Test
    void getPresenceNamesUsersAndAttributes() throws DecodeException {
        assertEquals(xmlRequest("S-1", "9", "<GetPresence-Request><User><UserID>wv:bob</UserID></User>"
                        + "<User><UserID>wv:carol</UserID></User><PresenceSubList xmlns=\"" + CspVersion.V1_2.paNamespace() + "\">"
                        + "<OnlineStatus/><ClientInfo><ClientType/><ClientProducer/></ClientInfo><StatusMood/></PresenceSubList>"
                        + "</GetPresence-Request>"),
                pts("WV12GP9 SI=S-1 PS=(OS,(CF,(CT,CP)),StatusMood) UI=(wv:bob,wv:carol)"));
    }

    /** Android's form for a single attribute with named sub-elements (docs/pts.md §5.6). */
    @Test
    void singleAttributeWithSubElements() throws DecodeException {
        assertEquals(xmlRequest("S-1", "9", "<GetPresence-Request><User><UserID>wv:bob</UserID></User><PresenceSubList>"
                        + "<ClientInfo><ClientType/><ClientProducer/></ClientInfo></PresenceSubList></GetPresence-Request>"),
                pts("WV12GP9 SI=S-1 UI=wv:bob PS=(CF,(CT,CP))"));
    }

    @Test
    void subscribePresenceOfPtsSection6() throws DecodeException {
        assertEquals(xmlRequest("S-7f3a2c91", "12", "<SubscribePresence-Request><User><UserID>wv:bob@example.net</UserID></User>"
                        + "<User><UserID>wv:carol@example.net</UserID></User><ContactList>wv:alice/~pep1.0_subscriptions@example.net"
                        + "</ContactList><PresenceSubList><OnlineStatus/><ClientInfo/><UserAvailability/><StatusText/>"
                        + "<StatusContent/></PresenceSubList><AutoSubscribe>T</AutoSubscribe></SubscribePresence-Request>"),
                pts("WV12SB12 SI=S-7f3a2c91 PS=(OS,CF,UA,ST,SC) CL=wv:alice/~pep1.0_subscriptions@example.net "
                        + "UI=(wv:bob@example.net,wv:carol@example.net) AS=T"));
    }

    /** The same UpdatePresence the Android engine sent as XML (scenarios-csp1.2_presence/0009). */
    @Test
    void updatePresenceWithValues() throws DecodeException {
        assertEquals(xmlRequest("S-1", "11", "<UpdatePresence-Request><PresenceSubList><OnlineStatus><Qualifier>T</Qualifier>"
                        + "<PresenceValue>T</PresenceValue></OnlineStatus><ClientInfo><Qualifier>T</Qualifier>"
                        + "<ClientType>MOBILE_PHONE</ClientType><ClientVersion>0.1</ClientVersion><ClientProducer>MOKIA</ClientProducer>"
                        + "</ClientInfo><UserAvailability><Qualifier>T</Qualifier><PresenceValue>AVAILABLE</PresenceValue>"
                        + "</UserAvailability><StatusText><Qualifier>T</Qualifier><PresenceValue>At lunch, back at 2</PresenceValue>"
                        + "</StatusText><StatusMood><PresenceValue>HAPPY</PresenceValue></StatusMood></PresenceSubList>"
                        + "</UpdatePresence-Request>"),
                pts("WV12UP11 SI=S-1 UV=((OS,T,T),(CF,T,((CT,MP),(CV,0.1),(CP,MOKIA))),(UA,T,AV),"
                        + "(ST,T,\"At lunch, back at 2\"),(StatusMood,HAPPY))"));
    }

    @Test
    void contactListRequests() throws DecodeException {
        assertEquals(xmlRequest("S-1", "29", "<CreateList-Request><ContactList>wv:alice/friends</ContactList>"
                        + "<ContactListProperties><Property><Name>DisplayName</Name><Value>My friends</Value></Property>"
                        + "<Property><Name>Default</Name><Value>T</Value></Property></ContactListProperties></CreateList-Request>"),
                pts("WV12CL29 SI=S-1 CL=wv:alice/friends CP=((DN,\"My friends\"),(DE,T))"));
        assertEquals(xmlRequest("S-1", "31", "<ListManage-Request><ContactList>wv:alice/friends</ContactList>"
                        + "<ReceiveList>F</ReceiveList><AddNickList><NickName><Name>bob</Name><UserID>wv:bob</UserID></NickName>"
                        + "<NickName><UserID>wv:carol</UserID></NickName></AddNickList></ListManage-Request>"),
                pts("WV12LM31 SI=S-1 AN=((bob,wv:bob),(,wv:carol)) RL=F CL=wv:alice/friends"));
        assertEquals(xmlRequest("S-1", "32", "<ListManage-Request><ContactList>wv:alice/friends</ContactList>"
                        + "<RemoveNickList><UserID>wv:bob</UserID></RemoveNickList></ListManage-Request>"),
                pts("WV12LM32 SI=S-1 CL=wv:alice/friends RN=((,wv:bob))"));
        assertEquals(xmlRequest("S-1", "33", "<GetList-Request/>"), pts("WV12GL33 SI=S-1"));
    }

    /** The SendMessage the Android engine sent as XML (scenarios-csp1.2_message-stcp/0029), with gateway codes. */
    @Test
    void sendMessage() throws DecodeException {
        assertEquals(xmlRequest("S-1", "29", "<SendMessage-Request><DeliveryReport>F</DeliveryReport><MessageInfo>"
                        + "<Recipient><User><UserID>wv:bob</UserID></User></Recipient><Sender><User><UserID>wv:alice</UserID>"
                        + "</User></Sender><ContentType>text/plain</ContentType><ContentSize>47</ContentSize></MessageInfo>"
                        + "<ContentData>Hello from the Android IMPS engine &lt;&amp;&gt; éè 1+1=2</ContentData></SendMessage-Request>"),
                pts("WV12SM29 SI=S-1 CD=\"Hello from the Android IMPS engine <&> éè 1+1=2\" DR=F "
                        + "MF=((RE,((US,((UI,wv:bob))))),(SE,((US,((UI,wv:alice))))),(CY,text/plain),(CZ,47))"));
    }

    @Test
    void messageDeliveredInBothModes() throws DecodeException {
        assertEquals(xml(CspVersion.V1_2, "S-1", TransactionMode.RESPONSE, "100",
                "<MessageDelivered><MessageID>M1000</MessageID></MessageDelivered>"), pts("WV12MN100 SI=S-1 MI=M1000"));
        assertEquals(xmlRequest("S-1", "101", "<MessageDelivered><MessageID>M1000</MessageID></MessageDelivered>"),
                pts("WV12MD101 SI=S-1 MI=M1000"));
    }

    /** Elements without a code travel under their full names, structured ones as (name,value) pairs. */
    @Test
    void fullNamesForElementsWithoutCode() throws DecodeException {
        assertEquals(xmlRequest("S-1", "40", "<BlockEntity-Request><BlockList><InUse>T</InUse><AddList><UserID>wv:eve</UserID>"
                        + "<UserID>wv:mallory</UserID></AddList></BlockList></BlockEntity-Request>"),
                pts("WV12BE40 SI=S-1 BL=((IU,T),(AD,((UI,wv:eve),(UI,wv:mallory))))"));
        assertEquals(xmlRequest("S-1", "41", "<BlockEntity-Request><BlockList><InUse>T</InUse><AddList><UserID>wv:eve</UserID>"
                        + "</AddList></BlockList></BlockEntity-Request>"),
                pts("WV12BE41 SI=S-1 BlockList=((InUse,T),(AddList,((UserID,wv:eve))))"));
        assertEquals(xmlRequest("S-1", "42", "<GetWatcherList-Request><HistoryPeriod>3600</HistoryPeriod>"
                        + "<MaxWatcherList>20</MaxWatcherList></GetWatcherList-Request>"),
                pts("WV12GW42 SI=S-1 MaxWatcherList=20 HistoryPeriod=3600"));
    }

    @Test
    void groupRequests() throws DecodeException {
        assertEquals(xmlRequest("S-1", "50", "<JoinGroup-Request><GroupID>wv:alice/chat</GroupID><ScreenName><SName>Al</SName>"
                        + "<GroupID>wv:alice/chat</GroupID></ScreenName><JoinedRequest>T</JoinedRequest>"
                        + "<SubscribeNotification>T</SubscribeNotification><OwnProperties><Property><Name>AutoJoin</Name>"
                        + "<Value>T</Value></Property></OwnProperties></JoinGroup-Request>"),
                pts("WV12JG50 SI=S-1 GI=wv:alice/chat SN=((SA,Al),(GI,wv:alice/chat)) JR=T SU=T OP=((AutoJoin,T))"));
        assertEquals(xmlRequest("S-1", "51", "<CreateGroup-Request><GroupID>wv:alice/chat</GroupID><GroupProperties>"
                        + "<Property><Name>Topic</Name><Value>Lunch, anyone?</Value></Property><WelcomeNote>"
                        + "<ContentType>text/plain</ContentType><ContentData>Hi</ContentData></WelcomeNote></GroupProperties>"
                        + "<JoinGroup>F</JoinGroup><SubscribeNotification>F</SubscribeNotification></CreateGroup-Request>"),
                pts("WV12CG51 SI=S-1 GI=wv:alice/chat GR=((Topic,\"Lunch, anyone?\"),(WN,((CY,text/plain),(CD,Hi)))) JG=F SU=F"));
    }
}
