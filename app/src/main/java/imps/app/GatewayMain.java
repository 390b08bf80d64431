package imps.app;

import imps.app.log.LogLine;
import imps.config.ConfigLoader;
import imps.config.GatewayConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar imps-gateway-*.jar [--config FILE]}: starts one node and runs until stopped.
 * {@code java -jar imps-gateway-*.jar import-users FILE [--config FILE]}: adds the accounts of a users
 * file to the subscriber store and exits (UserImport).
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("hazelcast.logging.type", "slf4j");
        Path file = null;
        String importFile = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (i == 0 && "import-users".equals(args[i]) && args.length > 1) {
                importFile = args[++i];
            } else {
                System.err.println("usage: java -jar imps-gateway.jar [--config FILE]\n"
                        + "       java -jar imps-gateway.jar import-users USERS_FILE [--config FILE]");
                System.exit(2);
            }
        }
        GatewayConfig config = ConfigLoader.load(file, System.getenv());
        LogLine.json(config.log().json());
        if (importFile != null) {
            System.exit(UserImport.run(config, importFile, System.out, System.err));
        }
        CountDownLatch started = new CountDownLatch(1);
        GatewayNode[] node = new GatewayNode[1];
        GatewayNode.start(config).onComplete(ar -> {
            if (ar.failed()) {
                System.err.println("gateway failed to start: " + ar.cause());
                System.exit(1);
            }
            node[0] = ar.result();
            // Started, not necessarily ready: e.g. while its PostgreSQL is down (/health/ready says).
            System.out.printf("IMPS gateway %s started: CSP over HTTP on %s:%d%s, management on %s:%d%n",
                    node[0].nodeId(), config.http().host(), config.http().port(), config.http().path(),
                    config.mgmt().host(), config.mgmt().port());
            started.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (node[0] != null) {
                // SIGTERM: hand the sessions to the other nodes first, so their clients notice nothing.
                CountDownLatch stopped = new CountDownLatch(1);
                node[0].drain().transform(ar -> node[0].stop()).onComplete(ar -> stopped.countDown());
                try {
                    stopped.await(55, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "imps-shutdown"));
        started.await();
    }
}
