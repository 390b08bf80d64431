package imps.service.blocking;

import imps.service.StoredForm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;

/**
 * {@link BlockState} in the store, version 1:
 * {@code {"v":1, "blockInUse", "grantInUse", "blocked": [user], "granted": [user]}}.
 */
public enum BlockStateForm implements StoredForm<BlockState> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(BlockState value, JsonObject out) {
        out.put("blockInUse", value.blockInUse).put("grantInUse", value.grantInUse)
                .put("blocked", new JsonArray(new ArrayList<>(value.blocked)))
                .put("granted", new JsonArray(new ArrayList<>(value.granted)));
    }

    @Override
    public BlockState read(JsonObject in, int version) {
        BlockState value = new BlockState();
        value.blockInUse = in.getBoolean("blockInUse");
        value.grantInUse = in.getBoolean("grantInUse");
        in.getJsonArray("blocked").forEach(u -> value.blocked.add((String) u));
        in.getJsonArray("granted").forEach(u -> value.granted.add((String) u));
        return value;
    }
}
