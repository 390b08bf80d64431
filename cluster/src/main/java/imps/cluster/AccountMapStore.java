package imps.cluster;

import com.hazelcast.map.MapStore;
import imps.auth.Account;
import imps.store.AccountTable;

import java.util.Collection;
import java.util.Map;

/** The accounts map written through to the {@code account} table, read back on a miss (see TableMapStore). */
final class AccountMapStore implements MapStore<String, Account> {
    private final AccountTable table;

    AccountMapStore(AccountTable table) {
        this.table = table;
    }

    @Override
    public Account load(String userId) {
        return StoreFailures.call(() -> table.find(userId));
    }

    @Override
    public Map<String, Account> loadAll(Collection<String> userIds) {
        return StoreFailures.call(() -> table.findAll(userIds));
    }

    /** No initial load: a million accounts stay in the database until they log in. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }

    @Override
    public void store(String userId, Account account) {
        StoreFailures.run(() -> table.save(account));
    }

    @Override
    public void storeAll(Map<String, Account> accounts) {
        StoreFailures.run(() -> table.saveAll(accounts.values()));
    }

    @Override
    public void delete(String userId) {
        StoreFailures.run(() -> table.delete(userId));
    }

    @Override
    public void deleteAll(Collection<String> userIds) {
        StoreFailures.run(() -> table.deleteAll(userIds));
    }
}
