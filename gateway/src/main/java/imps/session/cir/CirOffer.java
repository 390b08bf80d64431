package imps.session.cir;

import java.util.List;

/**
 * The CIR methods this gateway can serve right now, in order of preference (README.md, "Bearers"):
 * the standalone TCP endpoint when STCP is among them, and the base of the per-session standalone
 * HTTP CIR URL when SHTTP is. Only methods whose channel is actually listening are offered: a client
 * that is granted STCP and cannot connect fails its login (docs/conformance.md, Interop decisions).
 */
public record CirOffer(List<String> methods, String tcpHost, Integer tcpPort, String httpCirBase) {
    public CirOffer {
        methods = List.copyOf(methods);
    }

    public static CirOffer pollingOnly() {
        return new CirOffer(List.of(), null, null, null);
    }
}
