package imps.session;

import imps.session.cir.CirBinding;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.io.Serializable;
import java.util.HashSet;

/**
 * A session's context as replicated in the cluster (see {@link SessionContext#snapshot}).
 * {@code revision} only grows, so a late write of an older snapshot never replaces a newer one.
 */
public record SessionSnapshot(long revision,
                              String sessionId,
                              String userId,
                              Element clientId,
                              String clientKey,
                              CspVersion version,
                              String syntax,
                              String sessionCookie,
                              int keepAliveSeconds,
                              boolean capabilityRequested,
                              ClientCapabilities capabilities,
                              boolean capabilitiesNegotiated,
                              HashSet<String> agreedFunctions,
                              SessionState state,
                              long endedAtMillis,
                              HashSet<String> presenceSubscriptions,
                              HashSet<String> notificationSubscriptions,
                              HashSet<String> joinedGroups,
                              CirBinding cirBinding,
                              OutboundQueue.State queue) implements Serializable {
}
