package imps.store;

/**
 * The tables that hold what services keep per key (docs/store.md): which shared map of the
 * services each one backs, and its key column. {@code expiring}: rows carry an expiry time and are
 * gone for readers once it has passed.
 */
public enum SubscriberTable {
    CONTACT_LISTS("contact-lists", "contact_lists", "user_id", false, true),
    BLOCK_LISTS("blocking", "block_lists", "user_id", false, true),
    PRESENCE_AUTHORIZATIONS("presence-auth", "presence_authorizations", "user_id", false, true),
    GROUP_AUTO_JOIN("group-auto-join", "group_auto_join", "user_id", false, true),
    OFFLINE_MESSAGES("im-offline", "offline_messages", "user_id", false, true),
    DISCUSSION_GROUPS("groups", "discussion_groups", "group_id", false, false),
    DELIVERY_REPORTS("im-delivery-reports", "delivery_reports", "message_id", true, false);

    private final String mapName;
    private final String table;
    private final String keyColumn;
    private final boolean expiring;
    private final boolean perUser;

    SubscriberTable(String mapName, String table, String keyColumn, boolean expiring, boolean perUser) {
        this.mapName = mapName;
        this.table = table;
        this.keyColumn = keyColumn;
        this.expiring = expiring;
        this.perUser = perUser;
    }

    /** The name of the services' shared map this table keeps (SharedState.map). */
    public String mapName() {
        return mapName;
    }

    public String table() {
        return table;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public boolean expiring() {
        return expiring;
    }

    /** Whether the key is a User-ID, so the row goes when the user is deleted. */
    public boolean perUser() {
        return perUser;
    }
}
