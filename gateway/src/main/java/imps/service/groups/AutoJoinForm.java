package imps.service.groups;

import imps.service.StoredForm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;

/** The groups a user joins after each login, in the store, version 1: {@code {"v":1, "groups": [group]}}. */
public enum AutoJoinForm implements StoredForm<HashSet<String>> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(HashSet<String> value, JsonObject out) {
        out.put("groups", new JsonArray(new ArrayList<>(value)));
    }

    @Override
    public HashSet<String> read(JsonObject in, int version) {
        HashSet<String> value = new HashSet<>();
        in.getJsonArray("groups").forEach(g -> value.add((String) g));
        return value;
    }
}
