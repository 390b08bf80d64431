package imps.auth;

import java.util.List;

/** Accounts in User-ID order; {@code next} is the cursor of the following page, null after the last. */
public record AccountPage(List<Account> accounts, String next) {
}
