package imps.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import imps.config.GatewayConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The subscriber store's database: a bounded connection pool, the schema migrations run and checked
 * when the database is first reached, and the store's availability. Every statement is bounded
 * (query timeout, connection wait), so no caller waits longer than {@code connectTimeoutMillis +
 * queryTimeoutSeconds}. Once a connection fails, the store counts as unavailable: calls fail at once
 * with {@link StoreUnavailableException} (no thread waits for a dead database) while a probe reconnects
 * with exponential backoff. An idle store is probed every {@code healthCheckMillis}, so readiness
 * follows the database without traffic. A node may start while the database is down
 * ({@link #start}): it is unavailable until the probe reaches the database and the schema is up to date.
 * An outage is logged as one WARN line per kind of failure and one line when it ends.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final GatewayConfig.Store settings;
    private final String url;
    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final ScheduledExecutorService probes;
    private final ExecutorService workers;
    private final Consumer<Database> whenPrepared;
    private volatile boolean available;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private volatile long lastSuccessNanos = System.nanoTime();
    /** The thread running {@link #whenPrepared}, which may use the store before it is available to others. */
    private volatile Thread preparer;
    /** Schema migrated and {@link #whenPrepared} done: from then on only reachability is probed. */
    private boolean prepared;
    private long backoffMillis;
    private boolean probing;
    private long outageSinceNanos;
    /** The kinds of failure logged during the current outage (exception type and SQL state). */
    private final Set<String> failureKinds = new HashSet<>();

    /** A unit of SQL work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(GatewayConfig.Store settings, String url, HikariDataSource pool, SqlDialect dialect,
                     Consumer<Database> whenPrepared) {
        this.settings = settings;
        this.url = url;
        this.pool = pool;
        this.dialect = dialect;
        this.whenPrepared = whenPrepared;
        this.probes = Executors.newSingleThreadScheduledExecutor(daemon("imps-store-probe"));
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.poolSize()), daemon("imps-store-worker"));
        this.backoffMillis = settings.reconnectMinMillis();
    }

    /**
     * Opens the pool and brings the schema to the latest version (Flyway, db/migration and
     * {@link V2__Stored_values_as_json}); a schema whose applied migrations differ from the shipped
     * ones fails.
     *
     * @throws StoreUnavailableException when the database cannot be reached now
     */
    public static Database open(GatewayConfig.Store settings) {
        Database db = create(settings, true, d -> { });
        try {
            db.prepare();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        db.scheduleHeartbeat();
        return db;
    }

    /**
     * Like {@link #open}, but a database that cannot be reached now is no failure: the store starts
     * unavailable and becomes available once the probe reaches the database and has brought the
     * schema up to date. {@code whenPrepared} runs once the schema is, on the starting thread or the
     * probe's (e.g. to import the users file); a connection failure in it is retried with the probe.
     *
     * @throws StoreUnavailableException when the database answers but its schema cannot be brought up
     *                                   to date (applied migrations that differ from the shipped ones)
     */
    public static Database start(GatewayConfig.Store settings, Consumer<Database> whenPrepared) {
        Database db = create(settings, false, whenPrepared);
        try {
            db.prepare();
        } catch (RuntimeException e) {
            if (!(e instanceof StoreUnavailableException) || !connectionFailure(e)) {
                db.close();
                throw e;
            }
            db.markUnavailable(e);
        }
        db.scheduleHeartbeat();
        return db;
    }

    private static Database create(GatewayConfig.Store settings, boolean failFast, Consumer<Database> whenPrepared) {
        String url = jdbcUrl(settings);
        SqlDialect dialect = SqlDialect.of(url);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("imps-store");
        hc.setJdbcUrl(url);
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(Math.max(1, settings.poolSize()));
        hc.setMinimumIdle(Math.min(2, Math.max(1, settings.poolSize())));
        hc.setConnectionTimeout(Math.max(250, settings.connectTimeoutMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(settings.connectTimeoutMillis(), 5000)));
        // Negative: the pool starts without a connection and fills in the background (start()).
        hc.setInitializationFailTimeout(failFast ? Math.max(1, settings.connectTimeoutMillis()) : -1);
        if (dialect == SqlDialect.POSTGRESQL) {
            // Bounds below the pool: a vanished server (no RST) must not hold a socket read for ever.
            int connectSeconds = Math.max(1, (settings.connectTimeoutMillis() + 999) / 1000);
            hc.addDataSourceProperty("connectTimeout", Integer.toString(connectSeconds));
            hc.addDataSourceProperty("loginTimeout", Integer.toString(connectSeconds));
            hc.addDataSourceProperty("socketTimeout", Integer.toString(settings.queryTimeoutSeconds() + 5));
            hc.addDataSourceProperty("tcpKeepAlive", "true");
        }
        try {
            return new Database(settings, url, new HikariDataSource(hc), dialect, whenPrepared);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot reach the subscriber store at " + redacted(url) + ": "
                    + rootMessage(e), e);
        }
    }

    /** Migrates the schema and runs {@link #whenPrepared}; the store is available once both are done. */
    private void prepare() {
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .javaMigrations(new V2__Stored_values_as_json()).load().migrate();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException((connectionFailure(e) ? "cannot reach the subscriber store at " + redacted(url)
                    : "the subscriber store's schema could not be brought up to date") + ": " + rootMessage(e), e);
        }
        preparer = Thread.currentThread();
        try {
            whenPrepared.accept(this);
        } finally {
            preparer = null;
        }
        synchronized (this) {
            prepared = true;
        }
        available = true;
        lastSuccessNanos = System.nanoTime();
        log.info("subscriber store at {} ({}), schema up to date", redacted(url), dialect);
    }

    private void scheduleHeartbeat() {
        long every = Math.max(100, settings.healthCheckMillis());
        probes.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code store.url}, or the embedded H2 database in {@code store.dataDir}. */
    public static String jdbcUrl(GatewayConfig.Store settings) {
        if (!settings.embedded()) {
            if (settings.url().isBlank()) {
                throw new IllegalArgumentException("store.url must be set when store.embedded is false");
            }
            return settings.url();
        }
        Path file = Path.of(settings.dataDir()).toAbsolutePath().resolve("imps");
        // PostgreSQL mode with lower-case names: the migrations and statements are PostgreSQL's.
        // WRITE_DELAY=0: a commit reaches the file before it returns, so an acknowledged change
        // survives the process being killed (docs/store.md, "Consistency").
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** False from a failed connection until the probe reaches the database again. */
    public boolean available() {
        return available;
    }

    /** The connection pool right now: connections in use, idle, and callers waiting for one. */
    public record PoolState(int active, int idle, int waiting, int max) {
    }

    public PoolState poolState() {
        var mx = pool.getHikariPoolMXBean();
        return mx == null ? new PoolState(0, 0, 0, settings.poolSize())
                : new PoolState(mx.getActiveConnections(), mx.getIdleConnections(), mx.getThreadsAwaitingConnection(),
                        settings.poolSize());
    }

    /** Calls that failed since the start: the store unreachable, or a statement that failed. */
    public long failures() {
        return failures.sum();
    }

    /** Runs {@code work} on a pooled connection, on the calling thread. */
    public <T> T call(Work<T> work) {
        if (!available && preparer != Thread.currentThread()) {
            failures.increment();
            throw new StoreUnavailableException("the subscriber store is unreachable; reconnecting");
        }
        try (Connection c = pool.getConnection()) {
            T result = work.run(c);
            lastSuccessNanos = System.nanoTime();
            return result;
        } catch (SQLException e) {
            failures.increment();
            if (connectionFailure(e)) {
                markUnavailable(e);
                throw new StoreUnavailableException("the subscriber store failed: " + rootMessage(e), e);
            }
            throw new IllegalStateException("subscriber store statement failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(Work<T> work) {
        return call(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                // A connection lost mid-transaction cannot roll back either; the first failure is the one to report.
                quietly(c::rollback, e);
                throw e;
            } finally {
                quietly(() -> c.setAutoCommit(true), null);
            }
        });
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    /** Runs a clean-up step whose failure must not hide {@code primary} (added to it when there is one). */
    private static void quietly(SqlStep step, Throwable primary) {
        try {
            step.run();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }

    /** Runs {@code task} (store calls) on one of the store's worker threads, never on the caller's (an event loop). */
    public <T> CompletableFuture<T> async(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, workers);
    }

    /** A statement bounded by the configured query timeout. */
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(settings.queryTimeoutSeconds());
        return ps;
    }

    /** Whether {@code e} says the database could not be reached or answered in time (not a bad statement). */
    private static boolean connectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException
                    || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exception; 57P0x: the server shuts down or refuses; 53: out of resources
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return false;
    }

    private synchronized void markUnavailable(Throwable cause) {
        if (closed) {
            return;
        }
        if (available || outageSinceNanos == 0) {
            outageSinceNanos = System.nanoTime();
            failureKinds.clear();
        }
        if (failureKinds.add(kind(cause))) {
            log.warn("subscriber store unreachable{}: {}; requests that need it get 503 until it answers again",
                    prepared ? "" : " (schema not checked yet, the node is not ready)", rootMessage(cause));
        }
        available = false;
        if (!probing) {
            probing = true;
            probes.schedule(this::probe, backoffMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The kind of a failure, for logging each once per outage: the root exception's type and SQL state. */
    private static String kind(Throwable cause) {
        Throwable root = cause;
        String state = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return root.getClass().getName() + "/" + state;
    }

    private void probe() {
        boolean back;
        boolean wasPrepared;
        synchronized (this) {
            wasPrepared = prepared;
        }
        try {
            if (wasPrepared) {
                back = reachable();
            } else {
                prepare();
                back = true;
            }
        } catch (RuntimeException e) {
            back = false;
            available = false;
            if (!connectionFailure(e)) {
                // The database answers but the preparation fails (e.g. a schema of another release):
                // waiting may not end it; said once, and tried again with the backoff.
                synchronized (this) {
                    if (failureKinds.add("prepare/" + rootMessage(e))) {
                        log.error("subscriber store not usable: {}; the node stays not ready", e.getMessage());
                    }
                }
            }
        }
        if (back) {
            long seconds;
            synchronized (this) {
                probing = false;
                backoffMillis = settings.reconnectMinMillis();
                available = true;
                lastSuccessNanos = System.nanoTime();
                seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - outageSinceNanos);
                outageSinceNanos = 0;
                failureKinds.clear();
            }
            log.info("subscriber store reachable again after {} s", seconds);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            backoffMillis = Math.min(Math.max(1, backoffMillis) * 2L, settings.reconnectMaxMillis());
            probes.schedule(this::probe, backoffMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void heartbeat() {
        if (available && System.nanoTime() - lastSuccessNanos > TimeUnit.MILLISECONDS.toNanos(settings.healthCheckMillis())) {
            try {
                call(c -> c.isValid(Math.max(1, settings.queryTimeoutSeconds())) ? null : failValidation());
            } catch (RuntimeException e) {
                markUnavailable(e);
            }
        }
    }

    private static Void failValidation() throws SQLException {
        throw new SQLNonTransientConnectionException("connection not valid", "08000");
    }

    private boolean reachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(Math.max(1, settings.queryTimeoutSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        probes.shutdownNow();
        workers.shutdown();
        pool.close();
    }

    private static String redacted(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
