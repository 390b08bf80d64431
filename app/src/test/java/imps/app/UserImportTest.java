package imps.app;

import imps.config.ConfigLoader;
import imps.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code import-users FILE}: adds a users file to the store, idempotently; a node then logs those users in. */
class UserImportTest {
    @TempDir
    Path dir;

    @Test
    void importIsIdempotentAndTheImportedUsersLogIn() throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "users:\n  - {userId: quinn, password: q1}\n  - {userId: \"wv:Rita@" + TestNode.DOMAIN
                + "\", password: r1, displayName: Rita}\n  - {userId: sam, password: s1, enabled: false}\n");
        Map<String, String> env = Map.of("IMPS_STORE_DATA_DIR", dir.resolve("data").toString(), "IMPS_CSP_DOMAIN", TestNode.DOMAIN,
                "IMPS_STORE_SEED_USERS", "false");
        GatewayConfig config = ConfigLoader.load(null, env);
        assertEquals("3 accounts in " + file + ", 3 added, 0 already there", run(config, file));
        assertEquals("3 accounts in " + file + ", 0 added, 3 already there", run(config, file));
        Map<String, String> node = new java.util.HashMap<>(env);
        node.put("IMPS_STORE_ENABLED", "true");
        try (TestNode n = TestNode.start(node)) {
            CspClient client = n.client();
            assertEquals(200, client.request(SubscriberScenario.V, null, CspClient.login2way("rita", "r1", "imp", null)).code());
            assertEquals(403, client.request(SubscriberScenario.V, null, CspClient.login2way("sam", "s1", "imp", null)).code());
            assertEquals(531, client.request(SubscriberScenario.V, null, CspClient.login2way("alice", "secret", "imp", null)).code(),
                    "with store.seedUsers false the users file is not imported");
        }
    }

    /** More than SnakeYAML's default document limit of 3 Mi code points (about 75 000 accounts). */
    @Test
    void aLargeUsersFileIsStreamedThroughWhole() throws Exception {
        Path file = dir.resolve("many.yaml");
        int count = 80_000;
        StringBuilder yaml = new StringBuilder("users:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - {userId: bulk").append(i).append(", password: secret-").append(i).append("}\n");
        }
        Files.writeString(file, yaml);
        assertTrue(Files.size(file) > 3 * 1024 * 1024, "larger than the default limit");
        GatewayConfig config = ConfigLoader.load(null, Map.of("IMPS_STORE_DATA_DIR", dir.resolve("bulk").toString(),
                "IMPS_STORE_SEED_USERS", "false"));
        assertEquals(count + " accounts in " + file + ", " + count + " added, 0 already there", run(config, file));
    }

    @Test
    void aStoreThatIsOffIsAClearError() {
        GatewayConfig config = ConfigLoader.load(null, Map.of("IMPS_STORE_ENABLED", "false"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, UserImport.run(config, "users.yaml", new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("store.enabled"));
    }

    private static String run(GatewayConfig config, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, UserImport.run(config, file.toString(), new PrintStream(out), new PrintStream(err)), err.toString());
        String line = out.toString().trim();
        return line.substring("import-users: ".length(), line.indexOf(" (")).trim();
    }
}
