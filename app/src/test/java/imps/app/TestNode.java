package imps.app;

import imps.config.ConfigLoader;
import imps.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway node for tests: clustered Vert.x on a one-member Hazelcast cluster, HTTP and
 * management servers on free loopback ports, configured through the same loader and environment
 * overrides as production.
 */
public final class TestNode implements AutoCloseable {
    public static final String DOMAIN = "example.net";
    /** The management token every test node accepts (mgmt.tokens). */
    public static final String MGMT_TOKEN = "test-operator-token";
    private final GatewayNode node;
    private final GatewayConfig config;

    private TestNode(GatewayNode node, GatewayConfig config) {
        this.node = node;
        this.config = config;
    }

    /**
     * Starts a node; {@code env} holds IMPS_* overrides on top of the test defaults. Free ports are
     * picked just before the start; if another process takes one in between, the start is retried
     * with new ports.
     */
    public static TestNode start(Map<String, String> env) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(env);
            } catch (IllegalStateException e) {
                last = e;
                if (!(rootCause(e) instanceof java.net.BindException)) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** One start, not retried when a port is taken. */
    static TestNode startOnce(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        int[] ports = fourFreePorts();
        all.put("IMPS_HTTP_HOST", "127.0.0.1");
        all.put("IMPS_HTTP_PORT", Integer.toString(ports[0]));
        all.put("IMPS_HTTP_INSTANCES", "2");
        all.put("IMPS_MGMT_HOST", "127.0.0.1");
        all.put("IMPS_MGMT_PORT", Integer.toString(ports[1]));
        all.put("IMPS_MGMT_TOKENS", MGMT_TOKEN);
        all.put("IMPS_CSP_DOMAIN", DOMAIN);
        all.put("IMPS_USERS_FILE", usersFile().toString());
        all.put("IMPS_CLUSTER_NAME", uniqueClusterName());
        all.put("IMPS_CLUSTER_PORT", Integer.toString(ports[2]));
        all.put("IMPS_TCP_CIR_HOST", "127.0.0.1");
        all.put("IMPS_TCP_CIR_PORT", Integer.toString(ports[3]));
        // Memory only unless a test asks for the subscriber store: test nodes of one cluster would
        // otherwise each open an embedded store (refused), and single nodes would share ./data.
        all.put("IMPS_STORE_ENABLED", "false");
        all.putAll(env);
        GatewayConfig config = ConfigLoader.load(null, all);
        try {
            GatewayNode node = GatewayNode.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            return new TestNode(node, config);
        } catch (Exception e) {
            throw new IllegalStateException("node did not start", e);
        }
    }

    /**
     * {@code size} nodes of one new cluster on free ports, named {@code idPrefix} 0, 1, …, each joining
     * through the first, with {@code env} added to each node's settings.
     */
    public static List<TestNode> cluster(int size, String idPrefix, Map<String, String> env) {
        int firstPort = freePort();
        String clusterName = uniqueClusterName();
        List<TestNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, String> settings = new HashMap<>(env);
            settings.put("IMPS_CLUSTER_PORT", Integer.toString(i == 0 ? firstPort : freePort()));
            settings.put("IMPS_CLUSTER_NAME", clusterName);
            settings.put("IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + firstPort);
            settings.put("IMPS_NODE_ID", idPrefix + i);
            nodes.add(start(settings));
        }
        return nodes;
    }

    public static TestNode start() {
        return start(Map.of());
    }

    public GatewayNode node() {
        return node;
    }

    public GatewayConfig config() {
        return config;
    }

    public String cspUrl() {
        return "http://127.0.0.1:" + config.http().port() + config.http().path();
    }

    public String mgmtUrl() {
        return "http://127.0.0.1:" + config.mgmt().port();
    }

    private static final java.net.http.HttpClient MGMT_HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /** An HTTP client for the management port. */
    public static java.net.http.HttpClient mgmtHttp() {
        return MGMT_HTTP;
    }

    /** A request to the management port carrying the operator token. */
    public static java.net.http.HttpRequest.Builder mgmtRequest(String url) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + MGMT_TOKEN);
    }

    public CspClient client() {
        return new CspClient(cspUrl());
    }

    /** A client writing its requests in {@code syntax} (XML or WBXML). */
    public CspClient client(imps.codec.CspSyntax syntax) {
        return new CspClient(cspUrl(), java.time.Duration.ofSeconds(15), syntax);
    }

    /** kill -9 as far as one JVM allows: the member vanishes without handing anything over. */
    public void crash() {
        com.hazelcast.core.Hazelcast.getHazelcastInstanceByName("imps-" + node.nodeId()).getLifecycleService().terminate();
        try {
            node.vertx().close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception leftOver) {
            // the cluster manager cannot leave a terminated member cleanly; the sockets are closed all the same
        }
    }

    @Override
    public void close() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * A cluster name no other test or gateway on this machine uses: nodes of one test share it (pass
     * it as IMPS_CLUSTER_NAME to each), nodes of different tests never meet.
     */
    static String uniqueClusterName() {
        return "test-" + java.util.UUID.randomUUID();
    }

    /**
     * Four distinct free ports, held open together while they are chosen: a port closed and asked for
     * again may come back, and a node given one port twice would share it between two listeners.
     */
    static int[] fourFreePorts() {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
             ServerSocket c = new ServerSocket(0); ServerSocket d = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), d.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test accounts (alice, bob, carol, and mallory disabled), all with password secret. */
    static Path usersFile() {
        try {
            Path p = Files.createTempFile("imps-users", ".yaml");
            Files.writeString(p, """
                    users:
                      - {userId: alice, password: secret}
                      - {userId: "WV:Bob@Example.net", password: secret}
                      - {userId: carol, password: secret}
                      - {userId: mallory, password: secret, enabled: false}
                      - {userId: dave, password: secret}
                      - {userId: erin, password: secret}
                      - {userId: frank, password: secret}
                      - {userId: grace, password: secret}
                      - {userId: heidi, password: secret}
                      - {userId: ivan, password: secret}
                      - {userId: judy, password: secret}
                      - {userId: ken, password: secret}
                      - {userId: leo, password: secret}
                      - {userId: mike, password: secret}
                      - {userId: nina, password: secret}
                    """);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
