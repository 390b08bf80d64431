package imps.auth;

import io.vertx.core.Future;

/**
 * A directory whose accounts an operator changes at run time (the provisioning API on the management
 * port). Every change is durable when its future succeeds.
 */
public interface AccountProvisioning extends UserDirectory {
    /** Creates the account; false when its User-ID is taken. */
    Future<Boolean> create(Account account);

    /** Applies {@code change}; the account as it is now, or null when there is no such user. */
    Future<Account> change(String userId, AccountChange change);

    /** Removes the account; the removed account, or null when there was none. */
    Future<Account> remove(String userId);

    /**
     * Up to {@code limit} accounts whose User-ID starts with {@code prefix}, in User-ID order, after
     * {@code cursor} (null for the first page).
     */
    Future<AccountPage> list(String prefix, int limit, String cursor);
}
