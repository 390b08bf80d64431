package imps.protocol.primitive;

import imps.protocol.Element;

/** Typed view of KeepAlive-Request = (TimeToLive?) (OMA-TS-IMPS_CSP, Keep Alive). */
public record KeepAliveRequest(Integer timeToLive) {
    public static KeepAliveRequest of(Element e) {
        return new KeepAliveRequest(Values.optionalInt(e, "TimeToLive"));
    }
}
