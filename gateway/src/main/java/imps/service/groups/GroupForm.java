package imps.service.groups;

import imps.service.ElementJson;
import imps.service.StoredForm;
import io.vertx.core.json.JsonObject;

/**
 * A {@link Group} in the store, version 1:
 * {@code {"v":1, "owner", "properties": {name: value}, "welcomeNote": element or null}}. The joined
 * members are not written: they are sessions, which end with a full restart of the cluster, so a
 * group read back from the store has none (docs/store.md, "Discussion groups").
 */
public enum GroupForm implements StoredForm<Group> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(Group value, JsonObject out) {
        JsonObject properties = new JsonObject();
        value.properties.forEach(properties::put);
        out.put("owner", value.owner).put("properties", properties).put("welcomeNote", ElementJson.write(value.welcomeNote));
    }

    @Override
    public Group read(JsonObject in, int version) {
        Group value = new Group(in.getString("owner"));
        JsonObject properties = in.getJsonObject("properties");
        properties.fieldNames().forEach(name -> value.properties.put(name, properties.getString(name)));
        value.welcomeNote = ElementJson.read(in.getJsonObject("welcomeNote"));
        return value;
    }

    @Override
    public String owner(Group value) {
        return value.owner;
    }
}
