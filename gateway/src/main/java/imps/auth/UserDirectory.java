package imps.auth;

/** Where accounts come from. Lookups take the canonical User-ID ({@link UserAddress#canonical}). */
public interface UserDirectory {
    /** The account, or null when there is no such user. */
    Account find(String canonicalUserId);
}
