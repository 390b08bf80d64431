package imps.session;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of client capability negotiation (OMA-TS-IMPS_CSP, Service and Capability
 * Negotiation), kept in the session context. {@code cirMethods} is what was agreed, in the client's
 * order of preference; empty means the client polls every {@code serverPollMin} seconds. {@code
 * cirUrl} is the session's standalone HTTP CIR URL when SHTTP was agreed, {@code udpPort} the
 * client's port for UDP CIR when SUDP was.
 */
public record ClientCapabilities(String clientType,
                                 String initialDeliveryMethod,
                                 List<String> acceptedContentTypes,
                                 int parserSize,
                                 int multiTrans,
                                 List<String> supportedBearers,
                                 List<String> cirMethods,
                                 int serverPollMin,
                                 String tcpAddress,
                                 Integer tcpPort,
                                 String cirUrl,
                                 Integer udpPort) implements Serializable {

    public ClientCapabilities {
        acceptedContentTypes = List.copyOf(acceptedContentTypes);
        supportedBearers = List.copyOf(supportedBearers);
        cirMethods = List.copyOf(cirMethods);
    }

    private static final java.util.Map<Integer, ClientCapabilities> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What a session has before (or without) negotiation: polling only, one transaction at a time.
     * One shared instance per ServerPollMin: every session that has not negotiated holds the same.
     */
    public static ClientCapabilities defaults(int serverPollMin) {
        return DEFAULTS.computeIfAbsent(serverPollMin, pollMin -> new ClientCapabilities("MOBILE_PHONE", "P", List.of(),
                65536, 1, List.of("HTTP"), List.of(), pollMin, null, null, null, null));
    }

    /** True for the capabilities of a session that has not negotiated (see {@link #defaults}). */
    public boolean isDefault() {
        return equals(defaults(serverPollMin));
    }
}
