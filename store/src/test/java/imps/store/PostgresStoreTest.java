package imps.store;

import imps.auth.Account;
import imps.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on a real PostgreSQL server, plus what happens when that server goes away. */
class PostgresStoreTest extends StoreContract {
    @Override
    protected GatewayConfig.Store freshStore() {
        return PostgresServer.settings(PostgresServer.shared().createDatabase());
    }

    @Test
    void anUnreachableServerFailsFastAndIsReconnectedWithBackoff() throws Exception {
        try (PostgresServer server = PostgresServer.create()) {
            GatewayConfig.Store settings = PostgresServer.settings(server.createDatabase());
            try (Database own = Database.open(settings)) {
                AccountTable accounts = new AccountTable(own);
                accounts.save(new Account("alice", "secret", true));
                server.stop();
                assertThrows(StoreUnavailableException.class, () -> accounts.find("alice"));
                assertFalse(own.available());
                long start = System.nanoTime();
                assertThrows(StoreUnavailableException.class, () -> accounts.save(new Account("bob", "secret", true)));
                long failMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(failMillis < 500, "while known to be down, calls fail at once, took " + failMillis + " ms");
                server.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!own.available() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(own.available(), "the probe reconnects once the server is back");
                assertEquals("secret", accounts.find("alice").password());
                assertEquals(null, accounts.find("bob"), "the refused write left nothing behind");
            }
        }
    }

    @Test
    void anIdleStoreNoticesTheOutageWithoutTraffic() throws Exception {
        try (PostgresServer server = PostgresServer.create()) {
            try (Database own = Database.open(PostgresServer.settings(server.createDatabase()))) {
                assertTrue(own.available());
                server.stop();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (own.available() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertFalse(own.available(), "the health check sees the server gone");
                server.start();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!own.available() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(own.available());
            }
        }
    }

    @Test
    void aStoreStartedWhileTheServerIsDownIsPreparedOnceItAnswers() throws Exception {
        try (PostgresServer server = PostgresServer.create()) {
            GatewayConfig.Store settings = PostgresServer.settings(server.createDatabase());
            server.stop();
            AtomicInteger preparations = new AtomicInteger();
            try (Database own = Database.start(settings, started -> {
                new AccountTable(started).seedOnce(List.of(new Account("alice", "secret", true)));
                preparations.incrementAndGet();
            })) {
                assertFalse(own.available(), "not available before the server answers");
                assertThrows(StoreUnavailableException.class, () -> new AccountTable(own).find("alice"));
                Thread.sleep(1500);
                assertEquals(0, preparations.get(), "nothing prepared while the server is down");
                server.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!own.available() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(own.available(), "the probe reaches the server, migrates the schema and makes the store available");
                assertEquals("secret", new AccountTable(own).find("alice").password(), "the preparation ran");
                assertEquals(1, preparations.get(), "once");
            }
        }
    }

    @Test
    void anUnreachableServerAtStartIsAClearError() {
        GatewayConfig.Store settings = PostgresServer.settings("jdbc:postgresql://127.0.0.1:1/none");
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> Database.open(settings));
        assertTrue(e.getMessage().contains("cannot reach the subscriber store"), e.getMessage());
    }
}
