package imps.service.contacts;

import imps.service.StoredForm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@link ContactLists} in the store, version 1:
 * {@code {"v":1, "default": key or null, "lists": [{"key", "displayName"?, "members": {user: nickname or null}}]}},
 * lists and members in their order.
 */
public enum ContactListsForm implements StoredForm<ContactLists> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(ContactLists value, JsonObject out) {
        JsonArray lists = new JsonArray();
        value.lists.forEach((key, list) -> {
            JsonObject members = new JsonObject();
            list.members.forEach(members::put);
            lists.add(new JsonObject().put("key", key).put("displayName", list.displayName).put("members", members));
        });
        out.put("default", value.defaultList).put("lists", lists);
    }

    @Override
    public ContactLists read(JsonObject in, int version) {
        ContactLists value = new ContactLists();
        value.defaultList = in.getString("default");
        JsonArray lists = in.getJsonArray("lists");
        for (int i = 0; i < lists.size(); i++) {
            JsonObject l = lists.getJsonObject(i);
            ContactLists.ContactList list = new ContactLists.ContactList();
            list.displayName = l.getString("displayName");
            JsonObject members = l.getJsonObject("members");
            members.fieldNames().forEach(user -> list.members.put(user, members.getString(user)));
            value.lists.put(l.getString("key"), list);
        }
        return value;
    }
}
