package imps.app;

import imps.auth.Account;
import imps.auth.YamlUserDirectory;
import imps.config.GatewayConfig;
import imps.store.AccountTable;
import imps.store.Database;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import-users FILE}: the accounts of a users file ({@code users: [{userId, password, enabled,
 * displayName}]}) added to the subscriber store that {@code store.*} names. Idempotent: accounts that
 * exist are left as they are (change them through the provisioning API), so a second run adds
 * nothing. It writes to the database directly, in batches, while nodes run or not (an embedded store
 * is a file only one process opens: stop its node first). Accounts not yet in a node's memory are
 * read from the store on first use, so running nodes see the new accounts at once.
 */
final class UserImport {
    private static final int BATCH = 1000;

    private UserImport() {
    }

    /** Returns the process exit code. */
    static int run(GatewayConfig config, String file, PrintStream out, PrintStream err) {
        if (!config.store().enabled()) {
            err.println("import-users needs the subscriber store (store.enabled: true)");
            return 2;
        }
        long start = System.nanoTime();
        try (Database db = Database.open(config.store())) {
            AccountTable accounts = new AccountTable(db);
            List<Account> batch = new ArrayList<>(BATCH);
            int[] counts = new int[2];
            YamlUserDirectory.forEach(file, config.csp().domain(), a -> {
                batch.add(a);
                counts[0]++;
                if (batch.size() == BATCH) {
                    counts[1] += accounts.insertAbsent(batch);
                    batch.clear();
                }
            });
            counts[1] += accounts.insertAbsent(batch);
            out.printf("import-users: %d accounts in %s, %d added, %d already there (%d ms)%n", counts[0], file, counts[1],
                    counts[0] - counts[1], (System.nanoTime() - start) / 1_000_000);
            return 0;
        } catch (RuntimeException e) {
            err.println("import-users failed: " + e.getMessage());
            return 1;
        }
    }
}
