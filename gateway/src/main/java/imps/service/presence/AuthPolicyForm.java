package imps.service.presence;

import imps.service.StoredForm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuthPolicy} in the store, version 1:
 * {@code {"v":1, "decisions": [{"watcher", "state": "GRANTED"|"DENIED"|"PENDING", "attributes": [name]}]}},
 * in the order the watchers first appeared.
 */
public enum AuthPolicyForm implements StoredForm<AuthPolicy> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(AuthPolicy value, JsonObject out) {
        JsonArray decisions = new JsonArray();
        value.decisions().forEach((watcher, d) -> decisions.add(new JsonObject().put("watcher", watcher)
                .put("state", d.state().name()).put("attributes", new JsonArray(new ArrayList<>(d.attributes())))));
        out.put("decisions", decisions);
    }

    @Override
    public AuthPolicy read(JsonObject in, int version) {
        AuthPolicy value = new AuthPolicy();
        JsonArray decisions = in.getJsonArray("decisions");
        for (int i = 0; i < decisions.size(); i++) {
            JsonObject d = decisions.getJsonObject(i);
            List<String> attributes = new ArrayList<>();
            d.getJsonArray("attributes").forEach(a -> attributes.add((String) a));
            value.restore(d.getString("watcher"), new AuthDecision(AuthDecision.State.valueOf(d.getString("state")), attributes));
        }
        return value;
    }
}
