package imps.store;

import imps.service.StoredForm;
import imps.service.blocking.BlockStateForm;
import imps.service.contacts.ContactListsForm;
import imps.service.groups.AutoJoinForm;
import imps.service.groups.GroupForm;
import imps.service.im.PendingReportForm;
import imps.service.im.StoredMessagesForm;
import imps.service.presence.AuthPolicyForm;

/**
 * The tables that hold what services keep per key (docs/store.md): which shared map of the
 * services each one backs, its key column, and the stored form of its values. {@code expiring}: rows
 * carry an expiry time and are gone for readers once it has passed. {@code ownerColumn}: the column
 * that names the user a row belongs to when the key does not (null when the key is a User-ID, or
 * nobody owns the row).
 */
public enum SubscriberTable {
    CONTACT_LISTS("contact-lists", "contact_lists", "user_id", false, true, null, ContactListsForm.INSTANCE),
    BLOCK_LISTS("blocking", "block_lists", "user_id", false, true, null, BlockStateForm.INSTANCE),
    PRESENCE_AUTHORIZATIONS("presence-auth", "presence_authorizations", "user_id", false, true, null, AuthPolicyForm.INSTANCE),
    GROUP_AUTO_JOIN("group-auto-join", "group_auto_join", "user_id", false, true, null, AutoJoinForm.INSTANCE),
    OFFLINE_MESSAGES("im-offline", "offline_messages", "user_id", false, true, null, StoredMessagesForm.INSTANCE),
    DISCUSSION_GROUPS("groups", "discussion_groups", "group_id", false, false, "owner_id", GroupForm.INSTANCE),
    DELIVERY_REPORTS("im-delivery-reports", "delivery_reports", "message_id", true, false, "sender_id", PendingReportForm.INSTANCE);

    private final String mapName;
    private final String table;
    private final String keyColumn;
    private final boolean expiring;
    private final boolean perUser;
    private final String ownerColumn;
    private final StoredForm<?> form;

    SubscriberTable(String mapName, String table, String keyColumn, boolean expiring, boolean perUser, String ownerColumn,
                    StoredForm<?> form) {
        this.mapName = mapName;
        this.table = table;
        this.keyColumn = keyColumn;
        this.expiring = expiring;
        this.perUser = perUser;
        this.ownerColumn = ownerColumn;
        this.form = form;
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

    /** The column naming the user a row belongs to besides its key, or null. */
    public String ownerColumn() {
        return ownerColumn;
    }

    /** How the values are written in the {@code data} column. */
    @SuppressWarnings("unchecked")
    public <V> StoredForm<V> form() {
        return (StoredForm<V>) form;
    }
}
