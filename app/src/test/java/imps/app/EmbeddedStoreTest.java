package imps.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default (docs/store.md): one node on an H2 database in store.dataDir keeps
 * subscriber data across a restart, and the accounts of the users file are imported at the first start.
 */
class EmbeddedStoreTest {
    @TempDir
    Path dataDir;

    private Map<String, String> embedded() {
        return Map.of("IMPS_STORE_ENABLED", "true", "IMPS_STORE_DATA_DIR", dataDir.toString());
    }

    @Test
    void subscriberDataSurvivesARestartOfTheNode() throws Exception {
        try (TestNode node = TestNode.start(embedded())) {
            assertEquals(200, SubscriberScenario.get(node.mgmtUrl() + "/health/ready").statusCode());
            SubscriberScenario.makeChanges(node.client());
        }
        try (TestNode node = TestNode.start(embedded())) {
            SubscriberScenario.checkChanges(node.client());
        }
    }

    @Test
    void anEmbeddedStoreIsRefusedForANodeWithOtherMembers() {
        Map<String, String> env = new java.util.HashMap<>(embedded());
        env.put("IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + TestNode.freePort());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestNode.start(env).close());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("store.embedded"), root.getMessage());
    }
}
