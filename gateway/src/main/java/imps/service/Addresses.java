package imps.service;

import imps.auth.UserAddress;

import java.util.Locale;

/**
 * Service addressing (OMA-TS-IMPS_CSP, Addressing): users as {@code wv:user@domain}, contact lists as
 * {@code wv:user/list@domain}. Keys are canonical (see {@link UserAddress}); wire forms add the
 * {@code wv:} scheme back.
 */
public final class Addresses {
    private final String homeDomain;

    public Addresses(String homeDomain) {
        this.homeDomain = homeDomain;
    }

    public String user(String raw) {
        return UserAddress.canonical(raw, homeDomain);
    }

    public String wireUser(String key) {
        return UserAddress.wire(key);
    }

    /**
     * The key of a contact list owned by {@code owner}: {@code owner/name}. A list written without
     * an owner part is taken to be the user's own; a list of another user gives null.
     */
    public String contactList(String raw, String owner) {
        String s = local(raw);
        if (s == null) {
            return null;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return s.isEmpty() ? null : owner + "/" + s;
        }
        String listOwner = s.substring(0, slash);
        String name = s.substring(slash + 1);
        if (name.isEmpty() || !listOwner.equals(owner)) {
            return null;
        }
        return owner + "/" + name;
    }

    /**
     * The key of a group: {@code owner/name} or {@code /name} (a group without owner part), in
     * lower case without scheme and home domain; null when it is not a group address.
     */
    public String group(String raw) {
        String s = local(raw);
        if (s == null) {
            return null;
        }
        int slash = s.indexOf('/');
        return slash < 0 || slash == s.length() - 1 ? null : s;
    }

    /** Lower case, without the {@code wv:} scheme and without the home domain; null when blank. */
    private String local(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("wv:")) {
            s = s.substring(3);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0 && s.substring(at + 1).equalsIgnoreCase(homeDomain)) {
            s = s.substring(0, at);
        }
        return s;
    }

    public String wireGroup(String key) {
        return "wv:" + key;
    }

    public String wireList(String key) {
        return "wv:" + key;
    }
}
