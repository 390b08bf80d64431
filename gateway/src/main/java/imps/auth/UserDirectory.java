package imps.auth;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where accounts come from. Lookups take the canonical User-ID ({@link UserAddress#canonical}). A
 * lookup may need the subscriber store, so it is asynchronous; it fails with a CSP 503 while the
 * store is unreachable.
 */
public interface UserDirectory {
    /** The account, or null when there is no such user. */
    Future<Account> find(String canonicalUserId);

    /** Which of {@code canonicalUserIds} (nulls are skipped) are users of this server. */
    default Future<Set<String>> existing(Collection<String> canonicalUserIds) {
        List<Future<Account>> lookups = canonicalUserIds.stream().filter(Objects::nonNull).distinct().map(this::find).toList();
        return Future.all(lookups).map(all -> lookups.stream().map(Future::result).filter(Objects::nonNull)
                .map(Account::userId).collect(Collectors.toSet()));
    }
}
