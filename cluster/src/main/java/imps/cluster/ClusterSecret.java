package imps.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The cluster secret as Hazelcast checks it. Hazelcast's open-source edition has no join credentials
 * (member authentication, socket interceptors and the 3.x validation token are gone or enterprise
 * only); what every join request and every client authentication must match exactly is the cluster
 * name. So the name a node presents is the configured name followed by an HMAC of it keyed with the
 * secret: a member or client configured with another secret, or with none, presents another name and
 * is refused before it receives any data, and the secret itself never leaves the node. The derived
 * name still travels in clear inside the cluster's traffic (docs/security.md, what the cluster
 * protocol does not protect).
 */
public final class ClusterSecret {
    private ClusterSecret() {
    }

    /** The name to give Hazelcast: {@code name} itself without a secret. */
    public static String clusterName(String name, String secret) {
        if (secret == null || secret.isEmpty()) {
            return name;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal(("imps-cluster:" + name).getBytes(StandardCharsets.UTF_8));
            return name + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
