package imps.store;

import imps.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests: Debian's binaries (package postgresql, installed by .ci/run),
 * a data directory in a temporary directory, a free loopback port and its Unix socket in that
 * directory. PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres}
 * user of the Debian package. {@link #stop()} and {@link #start()} take it down and bring it back
 * on the same port with the same data (the store-outage tests); {@link #close()} removes it all.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "imps";
    public static final String PASSWORD = "imps-test-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;
    private final Path dir;
    private final Path data;
    private final int port;
    private final Path bin;

    private PostgresServer(Path dir, int port, Path bin) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.bin = bin;
    }

    /** One server for every test of this JVM that only needs a database; stopped when the JVM ends. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = create();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-test-server"));
        }
        return shared;
    }

    /** A server of the caller's own, e.g. to stop it under load. */
    public static PostgresServer create() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("imps-pg");
            PostgresServer server = new PostgresServer(dir, freePort(), bin);
            server.initdb();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest PostgreSQL of the Debian package, or a clear failure naming what is missing. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
                            + " run .ci/run, which installs the Debian package postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initdb() throws IOException {
        Path pw = dir.resolve("pwfile");
        Files.writeString(pw, PASSWORD + "\n");
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), 30);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pw,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"), 120);
    }

    /** Starts the server (again) on its port; returns once it accepts connections. */
    public void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c max_connections=200 -c shared_buffers=32MB", "start"), 90);
    }

    /** Stops the server at once (fast shutdown: open connections are cut). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
    }

    public int port() {
        return port;
    }

    /** A new, empty database on this server; returns its JDBC URL. */
    public String createDatabase() {
        String name = "imps_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Store settings for the database at {@code url}, with short timeouts for tests. */
    public static GatewayConfig.Store settings(String url) {
        return new GatewayConfig.Store(true, false, "", url, USER, PASSWORD, 4, 1000, 5, 100, 1000, 500, "store", true, 0);
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stop();
            }
        } catch (RuntimeException e) {
            // the directory goes all the same
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command, int seconds) {
        List<String> full = new ArrayList<>();
        if (asRoot() && !command.get(0).equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("imps-pg-cmd", ".log");
            try {
                Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", full) + " did not finish in " + seconds + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed (" + p.exitValue() + "):\n"
                            + Files.readString(out) + serverLog());
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
