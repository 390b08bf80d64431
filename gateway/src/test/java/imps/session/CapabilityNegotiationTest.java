package imps.session;

import imps.session.CapabilityNegotiation.CirReach;
import imps.session.cir.CirOffer;
import imps.session.cir.CirBinding;
import imps.codec.CspSyntax;
import imps.TestData;
import imps.bus.Bearer;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CapabilityNegotiationTest {
    private static final CirReach NOWHERE = new CirReach(null, null);
    private static final CirOffer STCP_AND_SHTTP = new CirOffer(List.of("STCP", "SHTTP"), "192.0.2.10", 7000, "http://imps.example.net/csp/cir/");
    private static final Element CLIENT_ID = Element.of("ClientID", Element.leaf("URL", "JiMMY"));

    private final CapabilityNegotiation negotiation = new CapabilityNegotiation(30, 65536, List.of("HTTP"), 5);

    static Element capabilityList(String serverPollMin, String... cirMethods) {
        Element.Builder b = Element.builder("CapabilityList")
                .leaf("ClientType", "MOBILE_PHONE")
                .leaf("InitialDeliveryMethod", "P")
                .leaf("AcceptedContentType", "text/plain")
                .leaf("SupportedBearer", "HTTP")
                .leaf("MultiTrans", "1")
                .leaf("ParserSize", "262144");
        for (String m : cirMethods) {
            b.leaf("SupportedCIRMethod", m);
        }
        return b.leaf("ServerPollMin", serverPollMin).build();
    }

    static List<String> names(Element e) {
        return e.children().stream().map(Element::name).toList();
    }

    @Test
    void everyCirMethodBothSidesSupportIsAgreedInTheClientsOrderWithItsAddresses() {
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, capabilityList("30", "SHTTP", "SUDP", "STCP"),
                STCP_AND_SHTTP, "S-1", NOWHERE);
        assertEquals(List.of("SHTTP", "STCP"), c.cirMethods(), "the client's preference, SUDP not served");
        assertEquals("http://imps.example.net/csp/cir/S-1", c.cirUrl());
        assertEquals("192.0.2.10", c.tcpAddress());
        assertEquals(7000, c.tcpPort());
        assertEquals(List.of("HTTP"), c.supportedBearers());
        assertEquals(65536, c.parserSize(), "bounded by what the gateway accepts");
        assertEquals(1, c.multiTrans());
        assertEquals(List.of("text/plain"), c.acceptedContentTypes());
    }

    private static final CirOffer WITH_SMS = new CirOffer(List.of("STCP", "SHTTP", "SSMS"), "192.0.2.10", 7000,
            "http://imps.example.net/csp/cir/");

    private static SessionContext session(Element clientId) {
        return new SessionContext("S-1", "alice", clientId, CspVersion.V1_2, "XML", "cookie", 600,
                ClientCapabilities.defaults(30), 0);
    }

    private static final CirOffer WITH_UDP = new CirOffer(List.of("STCP", "SHTTP", "SUDP"), "192.0.2.10", 7000,
            "http://imps.example.net/csp/cir/");

    @Test
    void udpCirIsAgreedWithTheClientsPortAndBindsTheAddressItsRequestCameFrom() {
        Element withPort = Element.builder("CapabilityList").leaf("SupportedBearer", "HTTP")
                .leaf("SupportedCIRMethod", "SUDP").leaf("SupportedCIRMethod", "STCP").leaf("UDPPort", "3717").build();
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, withPort, WITH_UDP, "S-1", new CirReach(null, "198.51.100.7"));
        assertEquals(List.of("SUDP", "STCP"), c.cirMethods());
        assertEquals(3717, c.udpPort());
        Element agreed = negotiation.response(CspVersion.V1_2, c, CLIENT_ID).child("AgreedCapabilityList");
        assertEquals(List.of("SupportedBearer", "SupportedCIRMethod", "SupportedCIRMethod", "UDPPort", "TCPAddress", "TCPPort",
                "ServerPollMin"), names(agreed));
        assertEquals("3717", agreed.childText("UDPPort"));

        assertEquals(List.of("STCP"), negotiation.agree(CspVersion.V1_2, capabilityList("30", "SUDP", "STCP"), WITH_UDP, "S-1",
                new CirReach(null, "198.51.100.7")).cirMethods(), "no UDPPort: no SUDP");
        assertEquals(List.of("STCP"), negotiation.agree(CspVersion.V1_2, withPort, WITH_UDP, "S-1", NOWHERE).cirMethods(),
                "no address to send to");

        SessionContext s = session(CLIENT_ID);
        negotiation.negotiate(s, withPort, WITH_UDP, Bearer.http("198.51.100.7", "gw", CspSyntax.XML));
        assertEquals(CirBinding.udp("198.51.100.7", 3717), s.cirBinding(), "SUDP first: bound at once");
        s.seenAt(Bearer.http("203.0.113.9", "gw", CspSyntax.XML));
        assertEquals(CirBinding.udp("203.0.113.9", 3717), s.cirBinding(), "the client moved: the datagrams follow it");
    }

    @Test
    void smsCirIsAgreedOnlyWhenThePhoneNumberIsKnown() {
        assertEquals(List.of(), negotiation.agree(CspVersion.V1_2, capabilityList("30", "SSMS"), WITH_SMS, "S-1", NOWHERE)
                .cirMethods(), "no number to send the CIR SMS to");
        assertEquals(List.of("SSMS"), negotiation.agree(CspVersion.V1_2, capabilityList("30", "SSMS"), WITH_SMS, "S-1",
                new CirReach("+15550001", null)).cirMethods());
        assertEquals(List.of("SSMS", "STCP"), negotiation.agree(CspVersion.V1_2, capabilityList("30", "SSMS", "STCP"), WITH_SMS,
                "S-1", new CirReach("+15550001", null)).cirMethods(), "both, in the client's order");
    }

    @Test
    void smsCirGoesToTheSmsSenderOrTheClientIdMsisdn() {
        SessionContext overSms = session(CLIENT_ID);
        negotiation.negotiate(overSms, capabilityList("30", "SSMS"), WITH_SMS, Bearer.sms("+15550001"));
        assertEquals(CirBinding.sms("+15550001"), overSms.cirBinding(), "the phone the request came from");

        SessionContext msisdn = session(Element.of("ClientID", Element.leaf("MSISDN", " +15550002 ")));
        negotiation.negotiate(msisdn, capabilityList("30", "SSMS"), WITH_SMS, Bearer.http("192.0.2.1", "gw", CspSyntax.XML));
        assertEquals(CirBinding.sms("+15550002"), msisdn.cirBinding(), "the MSISDN of the Client-ID is honoured");

        SessionContext url = session(CLIENT_ID);
        negotiation.negotiate(url, capabilityList("30", "SSMS"), WITH_SMS, Bearer.http("192.0.2.1", "gw", CspSyntax.XML));
        assertEquals(List.of(), url.capabilities().cirMethods(), "no number: the client polls");
        assertNull(url.cirBinding());
    }

    @Test
    void cirMethodNamesAreComparedCaseInsensitively() {
        assertEquals(List.of("STCP"), negotiation.agree(CspVersion.V1_2, capabilityList("30", "stcp"), STCP_AND_SHTTP, "S-1", NOWHERE).cirMethods());
    }

    @Test
    void tcpEndpointIsGivenOnlyWithStcp() {
        ClientCapabilities shttp = negotiation.agree(CspVersion.V1_2, capabilityList("30", "SHTTP", "SSMS"), STCP_AND_SHTTP, "S-1", NOWHERE);
        assertEquals(List.of("SHTTP"), shttp.cirMethods());
        assertNull(shttp.tcpAddress());
        assertNull(shttp.tcpPort());
        assertEquals("http://imps.example.net/csp/cir/S-1", shttp.cirUrl(), "a per-session HTTP CIR URL");
        assertEquals(List.of(), negotiation.agree(CspVersion.V1_1, capabilityList("30", "SHTTP"), STCP_AND_SHTTP, "S-1", NOWHERE)
                .cirMethods(), "standalone HTTP CIR exists from CSP 1.2 on");

        ClientCapabilities polling = negotiation.agree(CspVersion.V1_2, capabilityList("30", "STCP"), CirOffer.pollingOnly(), "S-1", NOWHERE);
        assertEquals(List.of(), polling.cirMethods(), "STCP is not offered when the CIR port is not listening");
        assertNull(polling.tcpAddress());
        assertNull(polling.tcpPort());

        Element response = negotiation.response(CspVersion.V1_2, shttp, null);
        Element agreed = response.child("AgreedCapabilityList");
        assertFalse(agreed.has("TCPAddress"));
        assertFalse(agreed.has("TCPPort"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "5", "29", "-10", "abc", " "})
    void serverPollMinIsNeverBelowTheFloor(String requested) {
        assertEquals(30, negotiation.agree(CspVersion.V1_2, capabilityList(requested, "STCP"), STCP_AND_SHTTP, "S-1", NOWHERE).serverPollMin());
    }

    @Test
    void serverPollMinAboveTheFloorIsKept() {
        assertEquals(120, negotiation.agree(CspVersion.V1_2, capabilityList("120"), STCP_AND_SHTTP, "S-1", NOWHERE).serverPollMin());
        assertEquals(30, negotiation.agree(CspVersion.V1_2, null, STCP_AND_SHTTP, "S-1", NOWHERE).serverPollMin(), "no list: the floor");
    }

    @Test
    void missingCapabilityListGivesPollingDefaults() {
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, null, STCP_AND_SHTTP, "S-1", NOWHERE);
        assertEquals(List.of(), c.cirMethods());
        assertEquals(List.of("HTTP"), c.supportedBearers());
        assertEquals("MOBILE_PHONE", c.clientType());
        assertEquals("P", c.initialDeliveryMethod());
    }

    @Test
    void csp12ResponseHasAgreedCapabilityListFirstInNokiaOrder() {
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, capabilityList("30", "STCP", "SHTTP"), STCP_AND_SHTTP, "S-1", NOWHERE);
        Element r = negotiation.response(CspVersion.V1_2, c, CLIENT_ID);
        assertEquals("ClientCapability-Response", r.name());
        assertEquals("AgreedCapabilityList", r.children().get(0).name());
        assertEquals(List.of("AgreedCapabilityList"), names(r), "no ClientID in the 1.2 response");
        Element agreed = r.child("AgreedCapabilityList");
        assertEquals(List.of("SupportedBearer", "SupportedCIRMethod", "SupportedCIRMethod", "TCPAddress", "TCPPort",
                "ServerPollMin", "CIRURL"), names(agreed));
        assertEquals("HTTP", agreed.childText("SupportedBearer"));
        assertEquals(List.of("STCP", "SHTTP"), agreed.childTexts("SupportedCIRMethod"));
        assertEquals("192.0.2.10", agreed.childText("TCPAddress"));
        assertEquals("7000", agreed.childText("TCPPort"));
        assertEquals("30", agreed.childText("ServerPollMin"));
    }

    @Test
    void csp13ResponseAddsUserSessionLimit() {
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, capabilityList("30", "STCP"), STCP_AND_SHTTP, "S-1", NOWHERE);
        Element r = negotiation.response(CspVersion.V1_3, c, null);
        assertEquals("AgreedCapabilityList", r.children().get(0).name());
        Element agreed = r.child("AgreedCapabilityList");
        assertEquals("5", agreed.childText("UserSessionLimit"));
        assertFalse(negotiation.response(CspVersion.V1_2, c, null).child("AgreedCapabilityList").has("UserSessionLimit"));
    }

    @Test
    void csp11ResponseHasClientIdThenCapabilityList() {
        ClientCapabilities c = negotiation.agree(CspVersion.V1_2, capabilityList("60", "STCP"), STCP_AND_SHTTP, "S-1", NOWHERE);
        Element r = negotiation.response(CspVersion.V1_1, c, CLIENT_ID);
        assertEquals(List.of("ClientID", "CapabilityList"), names(r));
        assertEquals(CLIENT_ID, r.child("ClientID"));
        Element list = r.child("CapabilityList");
        List<String> expectedOrder = List.of("ClientType", "InitialDeliveryMethod", "AcceptedContentType",
                "AcceptedContentLength", "SupportedBearer", "MultiTrans", "ParserSize", "SupportedCIRMethod",
                "TCPAddress", "TCPPort", "ServerPollMin");
        assertEquals(expectedOrder, names(list));
        assertEquals("STCP", list.childText("SupportedCIRMethod"));
        assertEquals("60", list.childText("ServerPollMin"));
        assertEquals("1", list.childText("MultiTrans"));
    }

    @Test
    void realClientCapabilityRequestsAgreeOnStcpThenShttpFrom12On() throws Exception {
        XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);
        List<String> folders = List.of("csp1.1-2way", "csp1.2-2way", "csp1.3-2way");
        List<String> methods = new ArrayList<>();
        for (String folder : folders) {
            Element request = decoder.decode(TestData.body(TestData.realClientRequests()
                    .resolve(folder).resolve("0003-A-C2S-ClientCapability-Request.http"))).first().primitive();
            CspVersion version = CspVersion.fromLabel(folder.substring(3, 6));
            ClientCapabilities c = negotiation.agree(version, request.child("CapabilityList"), STCP_AND_SHTTP, "S-1", NOWHERE);
            methods.addAll(c.cirMethods());
            assertEquals(7000, c.tcpPort());
            assertEquals(30, c.serverPollMin());
        }
        assertEquals(List.of("STCP", "STCP", "SHTTP", "STCP", "SHTTP"), methods, "no standalone HTTP CIR in CSP 1.1");
    }
}
