package imps.service.im;

import imps.service.ElementJson;
import imps.service.StoredForm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@link StoredMessages} in the store, version 1:
 * {@code {"v":1, "messages": [{"messageId", "storedAt": epoch milliseconds, "newMessage": primitive}]}},
 * the NewMessage primitive in {@link ElementJson}'s form, oldest first.
 */
public enum StoredMessagesForm implements StoredForm<StoredMessages> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(StoredMessages value, JsonObject out) {
        JsonArray messages = new JsonArray();
        value.messages.forEach(m -> messages.add(new JsonObject().put("messageId", m.messageId())
                .put("storedAt", m.storedAtMillis()).put("newMessage", ElementJson.write(m.newMessage()))));
        out.put("messages", messages);
    }

    @Override
    public StoredMessages read(JsonObject in, int version) {
        StoredMessages value = new StoredMessages();
        JsonArray messages = in.getJsonArray("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonObject m = messages.getJsonObject(i);
            value.messages.add(new StoredMessages.Stored(m.getString("messageId"),
                    ElementJson.read(m.getJsonObject("newMessage")), m.getLong("storedAt")));
        }
        return value;
    }
}
