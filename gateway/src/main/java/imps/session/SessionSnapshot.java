package imps.session;

import imps.session.cir.CirBinding;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * A session's context as replicated in the cluster (see {@link SessionContext#snapshot}).
 * {@code revision} only grows, so a late write of an older snapshot never replaces a newer one.
 * {@code agreedFunctions} is the context's own immutable set, not a copy: it is replaced, never changed.
 * {@code queue} is the outbound queue as loaded: it is replicated on its own ({@link QueueReplica}),
 * so a snapshot about to be written carries {@link OutboundQueue.State#BLANK}, and a store adds the
 * queue's replica when it loads one ({@link #withQueue}); replicas of earlier builds carry it inside.
 */
public record SessionSnapshot(long revision,
                              String sessionId,
                              String userId,
                              Element clientId,
                              CspVersion version,
                              String syntax,
                              String sessionCookie,
                              int keepAliveSeconds,
                              boolean capabilityRequested,
                              ClientCapabilities capabilities,
                              boolean capabilitiesNegotiated,
                              Set<String> agreedFunctions,
                              SessionState state,
                              long endedAtMillis,
                              HashSet<String> presenceSubscriptions,
                              HashSet<String> notificationSubscriptions,
                              HashSet<String> joinedGroups,
                              CirBinding cirBinding,
                              OutboundQueue.State queue) implements Serializable {
    /** The Client-ID as one comparable text, as {@link SessionContext#clientKey()} makes it; not stored. */
    public String clientKey() {
        return clientId.toString();
    }

    /** This snapshot with the queue loaded from the queue's own replica. */
    public SessionSnapshot withQueue(OutboundQueue.State loaded) {
        return new SessionSnapshot(revision, sessionId, userId, clientId, version, syntax, sessionCookie,
                keepAliveSeconds, capabilityRequested, capabilities, capabilitiesNegotiated, agreedFunctions, state,
                endedAtMillis, presenceSubscriptions, notificationSubscriptions, joinedGroups, cirBinding, loaded);
    }
}
