package imps.protocol.primitive;

import imps.protocol.Element;

/**
 * Typed view of Service-Request (OMA-TS-IMPS_CSP, Service and Capability Negotiation): the requested
 * Functions tree (null asks for everything) and AllFunctionsRequest. A leading ClientID (1.1, and
 * some 1.2 clients) is ignored.
 */
public record ServiceRequest(Element functions, boolean allFunctionsRequest) {
    public static ServiceRequest of(Element e) {
        return new ServiceRequest(e.child("Functions"), Values.flag(e, "AllFunctionsRequest"));
    }
}
