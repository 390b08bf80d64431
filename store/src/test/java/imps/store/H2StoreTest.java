package imps.store;

import imps.config.GatewayConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract on the embedded default: H2 in PostgreSQL mode, a file database in store.dataDir. */
class H2StoreTest extends StoreContract {
    private static final AtomicInteger DIRS = new AtomicInteger();
    @TempDir
    Path dir;

    @Override
    protected GatewayConfig.Store freshStore() {
        return embedded(dir.resolve("data" + DIRS.incrementAndGet()));
    }

    static GatewayConfig.Store embedded(Path dataDir) {
        return new GatewayConfig.Store(true, true, dataDir.toString(), "", "imps", "", 4, 1000, 5, 100, 1000, 500,
                "store", true, 0);
    }
}
