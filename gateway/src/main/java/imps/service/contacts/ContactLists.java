package imps.service.contacts;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** One user's contact lists, as kept in the shared map: list key → list, and the default list. */
public final class ContactLists implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One list: its display name and its members (user key → nickname, null when none). */
    public static final class ContactList implements Serializable {
        private static final long serialVersionUID = 1L;
        String displayName;
        final LinkedHashMap<String, String> members = new LinkedHashMap<>();

        public String displayName() {
            return displayName;
        }

        public Map<String, String> members() {
            return members;
        }
    }

    final LinkedHashMap<String, ContactList> lists = new LinkedHashMap<>();
    String defaultList;

    public Map<String, ContactList> lists() {
        return lists;
    }

    public String defaultList() {
        return defaultList;
    }
}
