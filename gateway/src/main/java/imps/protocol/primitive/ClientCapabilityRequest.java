package imps.protocol.primitive;

import imps.protocol.Element;

/**
 * Typed view of ClientCapability-Request (OMA-TS-IMPS_CSP, Service and Capability Negotiation): the
 * CapabilityList, empty when the client sent none. A ClientID (1.1, and some 1.2 clients) is
 * accepted and ignored.
 */
public record ClientCapabilityRequest(Element capabilityList) {
    public static ClientCapabilityRequest of(Element e) {
        Element list = e.child("CapabilityList");
        return new ClientCapabilityRequest(list == null ? Element.empty("CapabilityList") : list);
    }
}
