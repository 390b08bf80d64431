package imps.app;

import imps.session.registry.ClusterMembership;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what an operator must know of the cluster (docs/operations.md "Logs"): a node leaving, and
 * this node's side losing or regaining the quorum of split-brain protection (below it, logins and
 * session requests get 503). The merge after a split is logged where it is reconciled.
 */
final class ClusterWatch {
    private static final Logger log = LoggerFactory.getLogger("imps.events");
    private static final long CHECK_MILLIS = 1000;
    private final ClusterMembership membership;
    private final int minimum;
    private boolean quorate = true;

    ClusterWatch(ClusterMembership membership, int minimum) {
        this.membership = membership;
        this.minimum = minimum;
    }

    void start(Vertx vertx) {
        membership.onDeparture(node -> log.info("node left the cluster: node={}; its sessions are taken over", node));
        vertx.setPeriodic(CHECK_MILLIS, id -> check());
    }

    private void check() {
        boolean now = membership.quorate();
        if (now != quorate) {
            int members = membership.liveNodes().size();
            if (now) {
                log.info("cluster quorum regained: members={} minimum={}", members, minimum);
            } else {
                log.warn("cluster split: members={} below minimum={}; logins and session requests get 503 until it heals",
                        members, minimum);
            }
            quorate = now;
        }
    }
}
