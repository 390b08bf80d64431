package imps.session.registry;

import java.io.Serializable;

/** The shared state the session core needs from the cluster, handed over as one object at wiring time. */
public record SessionRegistries(SessionDirectory directory,
                                SessionStore store,
                                ClusterMembership membership,
                                UserSessionRegistry users,
                                ExpiringStore<Challenge> challenges,
                                ExpiringStore<Integer> systemMessageAttempts,
                                WindowedCounters loginCounters) {

    /** An issued 4-way login challenge (OMA-TS-IMPS_CSP, 4-way access control). */
    public record Challenge(String nonce, String schema) implements Serializable {
    }
}
