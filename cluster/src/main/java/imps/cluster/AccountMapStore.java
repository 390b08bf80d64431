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
        return table.find(userId);
    }

    @Override
    public Map<String, Account> loadAll(Collection<String> userIds) {
        return table.findAll(userIds);
    }

    /** No initial load: a million accounts stay in the database until they log in. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }

    @Override
    public void store(String userId, Account account) {
        table.save(account);
    }

    @Override
    public void storeAll(Map<String, Account> accounts) {
        table.saveAll(accounts.values());
    }

    @Override
    public void delete(String userId) {
        table.delete(userId);
    }

    @Override
    public void deleteAll(Collection<String> userIds) {
        table.deleteAll(userIds);
    }
}
