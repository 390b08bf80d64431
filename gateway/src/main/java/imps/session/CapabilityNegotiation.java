package imps.session;

import imps.session.cir.CirOffer;
import imps.session.cir.CirBinding;
import imps.session.cir.CirMethod;
import imps.bus.Bearer;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Client capability negotiation (OMA-TS-IMPS_CSP §"Client capability negotiation"). Every CIR method
 * the client offers and the gateway can serve right now is agreed, in the client's order of
 * preference, each with its address fields, so a client uses whichever it is set up for (a client
 * granted only one method it is not configured for falls back to slow polling); ServerPollMin is never
 * below the gateway's floor; ParserSize is bounded by what the gateway itself accepts; MultiTrans is 1
 * because the gateway hands out a server transaction only when the client polls for it.
 */
public final class CapabilityNegotiation {
    private final int serverPollMinFloor;
    private final int maxParserSize;
    private final List<String> bearers;
    private final int userSessionLimit;

    public CapabilityNegotiation(int serverPollMinFloor, int maxParserSize, List<String> bearers, int userSessionLimit) {
        this.serverPollMinFloor = serverPollMinFloor;
        this.maxParserSize = maxParserSize;
        this.bearers = List.copyOf(bearers);
        this.userSessionLimit = userSessionLimit;
    }

    /**
     * Where connectionless CIR can reach the client: the phone SMS CIR would go to (the sender of an
     * SMS-borne request, else the MSISDN of the Client-ID) and the IP address UDP CIR would go to (the
     * one the request came from over HTTP; an address the client claims, CSP 1.3's UDPAddress, is not
     * used: the gateway would send datagrams wherever a client names). Null where unknown: that method
     * is then not agreed.
     */
    public record CirReach(String phone, String host) {
        public static CirReach of(Bearer bearer, Element clientId) {
            return new CirReach(smsAddress(bearer, clientId),
                    bearer == null || bearer.phoneNumber() != null ? null : bearer.remoteAddress());
        }
    }

    /**
     * Agrees on the capabilities and records them in the session; when SMS or UDP CIR is the client's
     * first choice, the session's CIR goes to the phone number or the UDP port from then on (with
     * another method first, the client binds that one itself, e.g. with HELO, and is not woken
     * meanwhile by SMS or datagrams).
     */
    public ClientCapabilities negotiate(SessionContext session, Element capabilityList, CirOffer offer, Bearer bearer) {
        CirReach reach = CirReach.of(bearer, session.clientId());
        ClientCapabilities agreed = agree(session.version(), capabilityList, offer, session.sessionId(), reach);
        session.capabilitiesNegotiated(agreed);
        CirMethod first = agreed.cirMethods().isEmpty() ? null : CirMethod.of(agreed.cirMethods().get(0));
        if (first == CirMethod.SSMS) {
            session.cirBinding(CirBinding.sms(reach.phone()));
        } else if (first == CirMethod.SUDP) {
            session.cirBinding(CirBinding.udp(reach.host(), agreed.udpPort()));
        }
        return agreed;
    }

    /**
     * Where SMS CIR would go: the phone a request came from over SMS, else the MSISDN of the
     * Client-ID (OMA-TS-IMPS_CSP_DataTypes: a ClientID is a URL or an MSISDN).
     */
    static String smsAddress(Bearer bearer, Element clientId) {
        String sender = bearer == null ? null : bearer.phoneNumber();
        if (sender != null) {
            return sender;
        }
        String msisdn = clientId == null ? null : clientId.childText("MSISDN");
        return msisdn == null || msisdn.isBlank() ? null : msisdn.trim();
    }

    public ClientCapabilities agree(CspVersion version, Element capabilityList, CirOffer offer, String sessionId,
                                    CirReach reach) {
        Element list = capabilityList == null ? Element.empty("CapabilityList") : capabilityList;
        Integer udpPort = port(list.childText("UDPPort"));
        List<String> cir = new ArrayList<>(2);
        for (String method : upper(list.childTexts("SupportedCIRMethod"))) {
            if (offer.methods().contains(method) && !cir.contains(method) && servable(method, version, reach, udpPort)) {
                cir.add(method);
            }
        }
        List<String> clientBearers = upper(list.childTexts("SupportedBearer"));
        List<String> agreedBearers = bearers.stream().filter(clientBearers::contains).toList();
        if (agreedBearers.isEmpty()) {
            agreedBearers = List.of(bearers.get(0));
        }
        int pollMin = Math.max(serverPollMinFloor, intOr(list.childText("ServerPollMin"), serverPollMinFloor));
        int parserSize = Math.min(maxParserSize, intOr(list.childText("ParserSize"), maxParserSize));
        boolean stcp = cir.contains(CirMethod.STCP.name());
        boolean shttp = cir.contains(CirMethod.SHTTP.name());
        boolean sudp = cir.contains(CirMethod.SUDP.name());
        return new ClientCapabilities(
                textOr(list.childText("ClientType"), "MOBILE_PHONE"),
                textOr(list.childText("InitialDeliveryMethod"), "P"),
                list.childTexts("AcceptedContentType"),
                parserSize,
                1,
                agreedBearers,
                cir,
                pollMin,
                stcp ? offer.tcpHost() : null,
                stcp ? offer.tcpPort() : null,
                shttp ? offer.httpCirBase() + sessionId : null,
                sudp ? udpPort : null);
    }

    private static boolean servable(String method, CspVersion version, CirReach reach, Integer udpPort) {
        return switch (CirMethod.of(method)) {
            case SHTTP -> version != CspVersion.V1_1; // standalone HTTP CIR exists from CSP 1.2 on
            case SSMS -> reach.phone() != null;
            case SUDP -> reach.host() != null && udpPort != null;
            case STCP -> true;
        };
    }

    private static Integer port(String value) {
        int port = intOr(value, 0);
        return port > 0 && port < 65536 ? port : null;
    }

    /**
     * The ClientCapability-Response. 1.2/1.3: AgreedCapabilityList as the first child, in the order of
     * Nokia's 1.2 content model (strict clients read only those); 1.3 adds UserSessionLimit
     * (OMA-TS-IMPS_CSP-V1_3 §5.1.3). 1.1: ClientID then the full CapabilityList, as the 1.1 content model requires.
     */
    public Element response(CspVersion version, ClientCapabilities c, Element clientId) {
        if (version == CspVersion.V1_1) {
            Element.Builder list = Element.builder("CapabilityList")
                    .leaf("ClientType", c.clientType())
                    .leaf("InitialDeliveryMethod", c.initialDeliveryMethod());
            c.acceptedContentTypes().forEach(t -> list.leaf("AcceptedContentType", t));
            list.leaf("AcceptedContentLength", c.parserSize());
            c.supportedBearers().forEach(b -> list.leaf("SupportedBearer", b));
            list.leaf("MultiTrans", c.multiTrans()).leaf("ParserSize", c.parserSize());
            appendCir(list, c, version);
            return Element.builder("ClientCapability-Response").add(clientId).add(list.build()).build();
        }
        Element.Builder agreed = Element.builder("AgreedCapabilityList");
        c.supportedBearers().forEach(b -> agreed.leaf("SupportedBearer", b));
        appendCir(agreed, c, version);
        if (version.atLeast(CspVersion.V1_3)) {
            agreed.leaf("UserSessionLimit", userSessionLimit);
        }
        return Element.of("ClientCapability-Response", agreed.build());
    }

    /** The HTTP CIR URL is CIRURL in 1.2 and CIRHTTPAddress in 1.3, each holding a URL (docs/conformance.md). */
    private static void appendCir(Element.Builder b, ClientCapabilities c, CspVersion version) {
        c.cirMethods().forEach(m -> b.leaf("SupportedCIRMethod", m));
        b.leaf("UDPPort", c.udpPort());
        b.leaf("TCPAddress", c.tcpAddress()).leaf("TCPPort", c.tcpPort()).leaf("ServerPollMin", c.serverPollMin());
        if (c.cirUrl() != null) {
            b.add(Element.of(version == CspVersion.V1_3 ? "CIRHTTPAddress" : "CIRURL", Element.leaf("URL", c.cirUrl())));
        }
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static String textOr(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int intOr(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
