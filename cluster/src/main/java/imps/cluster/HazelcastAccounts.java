package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.auth.Account;
import imps.auth.AccountChange;
import imps.auth.AccountPage;
import imps.auth.AccountProvisioning;
import imps.store.AccountTable;
import imps.store.Database;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Map;

/**
 * Accounts in a Hazelcast map written through to the store's {@code account} table (StoredMaps): a
 * lookup is served from memory once the account has been used, every change runs as an entry
 * processor on the account's partition owner and returns once committed. Listing reads the table,
 * which holds every acknowledged change.
 */
public final class HazelcastAccounts implements AccountProvisioning {
    private final IMap<String, Account> accounts;
    private final AccountTable table;
    private final Database db;

    public HazelcastAccounts(HazelcastInstance hz, Database db) {
        this.accounts = hz.getMap(StoredMaps.ACCOUNTS);
        this.table = new AccountTable(db);
        this.db = db;
    }

    @Override
    public Future<Account> find(String canonicalUserId) {
        return canonicalUserId == null ? Future.succeededFuture() : OnContext.future(accounts.getAsync(canonicalUserId));
    }

    @Override
    public Future<Boolean> create(Account account) {
        return OnContext.future(accounts.submitToKey(account.userId(), new CreateIfAbsent(account)));
    }

    @Override
    public Future<Account> change(String userId, AccountChange change) {
        return OnContext.future(accounts.submitToKey(userId, new Change(change, Instant.now())));
    }

    @Override
    public Future<Account> remove(String userId) {
        return OnContext.future(accounts.submitToKey(userId, new Remove()));
    }

    @Override
    public Future<AccountPage> list(String prefix, int limit, String cursor) {
        return OnContext.future(db.async(() -> table.page(prefix, limit, cursor)));
    }

    record CreateIfAbsent(Account account) implements EntryProcessor<String, Account, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Account> entry) {
            if (entry.getValue() != null) {
                return false;
            }
            entry.setValue(account);
            return true;
        }
    }

    record Change(AccountChange change, Instant now) implements EntryProcessor<String, Account, Account> {
        @Override
        public Account process(Map.Entry<String, Account> entry) {
            Account current = entry.getValue();
            if (current == null) {
                return null;
            }
            Account changed = current.with(change, now);
            entry.setValue(changed);
            return changed;
        }
    }

    record Remove() implements EntryProcessor<String, Account, Account> {
        @Override
        public Account process(Map.Entry<String, Account> entry) {
            Account current = entry.getValue();
            if (current != null) {
                entry.setValue(null);
            }
            return current;
        }
    }
}
