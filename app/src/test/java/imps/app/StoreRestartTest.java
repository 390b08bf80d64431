package imps.app;

import imps.store.PostgresServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * A full restart (docs/store.md): three node processes on one PostgreSQL; users make lists, block
 * someone and leave offline messages; all three are killed with SIGKILL at once; three fresh
 * processes serve every acknowledged change, and the kept messages are delivered once.
 */
class StoreRestartTest {
    @Test
    void everyAcknowledgedChangeSurvivesKillingTheWholeCluster() {
        PostgresServer pg = PostgresServer.shared();
        Map<String, String> env = Map.of("IMPS_STORE_ENABLED", "true", "IMPS_STORE_EMBEDDED", "false",
                "IMPS_STORE_URL", pg.createDatabase(), "IMPS_STORE_USER", PostgresServer.USER,
                "IMPS_STORE_PASSWORD", PostgresServer.PASSWORD);
        ProcessCluster first = new ProcessCluster(env, List.of());
        try {
            ProcessCluster.GatewayProcess a = first.start("a", 0);
            first.start("b", a.clusterPort);
            ProcessCluster.GatewayProcess c = first.start("c", a.clusterPort);
            SubscriberScenario.makeChanges(c.client());
        } finally {
            first.destroyAll();
        }
        ProcessCluster second = new ProcessCluster(env, List.of());
        try {
            ProcessCluster.GatewayProcess d = second.start("d", 0);
            ProcessCluster.GatewayProcess e = second.start("e", d.clusterPort);
            second.start("f", d.clusterPort);
            SubscriberScenario.checkChanges(e.client());
        } finally {
            second.destroyAll();
        }
    }
}
