package imps.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Gateway nodes as separate JVMs, each running {@link GatewayMain} on the test's class path,
 * configured through IMPS_* environment variables on free loopback ports, in a Hazelcast cluster of
 * their own (other builds on this machine run gateway clusters on loopback too). A node's output
 * goes to {@code target/process-cluster/<node>.log}. Every process started is destroyed by
 * {@link #destroyAll()}, also when the test JVM itself is stopped.
 */
final class ProcessCluster {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Per CSP request. A request that reaches a node just as its owner dies waits for the event-bus
     * timeout to the owner (10 s) before it is retried on a survivor; the machine is slow and shared.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "process-cluster");
    private final String name = "proc-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final List<GatewayProcess> all = new CopyOnWriteArrayList<>();

    /** {@code env}: IMPS_* settings of every node; {@code jvmOptions}: e.g. Hazelcast system properties. */
    ProcessCluster(Map<String, String> env, List<String> jvmOptions) {
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // An @AfterAll does not run when the test JVM itself is stopped; its shutdown hooks do.
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll, "process-cluster-cleanup"));
    }

    /**
     * Starts node {@code id} and waits until it is ready; {@code seedPort} is the cluster port of a
     * running member to join, 0 for the first. Ports are free just before the start; when another
     * process takes one in between, the node fails to bind and is started again on new ones.
     */
    GatewayProcess start(String id, int seedPort) {
        return start(id, seedPort, "/health/ready");
    }

    /**
     * Like {@link #start}, but returns once the node answers on its management port, which opens after
     * it joined Hazelcast: with a quorum the first node is not ready until others join it.
     */
    GatewayProcess startLive(String id, int seedPort) {
        return start(id, seedPort, "/health/live");
    }

    private GatewayProcess start(String id, int seedPort, String healthPath) {
        for (int attempt = 1; ; attempt++) {
            GatewayProcess p = launch(id, seedPort);
            all.add(p);
            if (p.await(healthPath)) {
                return p;
            }
            String log = p.log();
            if (attempt == 3 || !(log.contains("BindException") || log.contains("Address already in use"))) {
                fail("node " + id + " did not start (exit " + p.process.exitValue() + "):\n" + log);
            }
        }
    }

    void destroyAll() {
        for (GatewayProcess p : all) {
            p.process.destroyForcibly();
        }
        for (GatewayProcess p : all) {
            try {
                p.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private GatewayProcess launch(String id, int seedPort) {
        int http = TestNode.freePort();
        int mgmt = TestNode.freePort();
        int cluster = TestNode.freePort();
        Map<String, String> nodeEnv = new HashMap<>();
        nodeEnv.put("IMPS_NODE_ID", id);
        nodeEnv.put("IMPS_HTTP_HOST", "127.0.0.1");
        nodeEnv.put("IMPS_HTTP_PORT", Integer.toString(http));
        nodeEnv.put("IMPS_HTTP_INSTANCES", "1");
        nodeEnv.put("IMPS_MGMT_HOST", "127.0.0.1");
        nodeEnv.put("IMPS_MGMT_PORT", Integer.toString(mgmt));
        nodeEnv.put("IMPS_MGMT_TOKENS", TestNode.MGMT_TOKEN);
        nodeEnv.put("IMPS_TCP_CIR_HOST", "127.0.0.1");
        nodeEnv.put("IMPS_TCP_CIR_PORT", Integer.toString(TestNode.freePort()));
        nodeEnv.put("IMPS_CSP_DOMAIN", TestNode.DOMAIN);
        nodeEnv.put("IMPS_USERS_FILE", TestNode.usersFile().toString());
        nodeEnv.put("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100");
        nodeEnv.put("IMPS_CLUSTER_NAME", name);
        nodeEnv.put("IMPS_CLUSTER_PORT", Integer.toString(cluster));
        nodeEnv.put("IMPS_CLUSTER_MEMBERS", "127.0.0.1:" + (seedPort == 0 ? cluster : seedPort));
        nodeEnv.put("IMPS_STORE_ENABLED", "false");
        nodeEnv.putAll(env);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // what the gateway jar's manifest opens for Hazelcast
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                // the master otherwise waits 5 s for more members before it admits one
                "-Dhazelcast.wait.seconds.before.join=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(id + ".log").toFile());
        // Only this node's settings: none inherited from whoever runs the build.
        builder.environment().keySet().removeIf(k -> k.startsWith("IMPS_"));
        builder.environment().putAll(nodeEnv);
        try {
            return new GatewayProcess(id, builder.start(), http, mgmt, cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One node of the cluster. */
    static final class GatewayProcess {
        final String id;
        final Process process;
        final int httpPort;
        final int mgmtPort;
        final int clusterPort;

        private GatewayProcess(String id, Process process, int httpPort, int mgmtPort, int clusterPort) {
            this.id = id;
            this.process = process;
            this.httpPort = httpPort;
            this.mgmtPort = mgmtPort;
            this.clusterPort = clusterPort;
        }

        /** True once {@code path} answers 200, false when the process ended first; fails on the deadline. */
        private boolean await(String path) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (process.isAlive()) {
                if (status(path) == 200) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    fail("node " + id + ": " + path + " not 200 after " + START_TIMEOUT + ":\n" + log());
                }
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }

        /** The HTTP status of a GET on the management port; -1 when nothing answers. */
        int status(String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(mgmtUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String mgmtUrl() {
            return "http://127.0.0.1:" + mgmtPort;
        }

        CspClient client() {
            return new CspClient("http://127.0.0.1:" + httpPort + "/imps", CLIENT_TIMEOUT);
        }

        String log() {
            try {
                return Files.readString(LOGS.resolve(id + ".log"));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
