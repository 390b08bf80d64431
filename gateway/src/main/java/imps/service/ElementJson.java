package imps.service;

import imps.protocol.Element;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A primitive tree in a stored form ({@link StoredForm}): {@code {"name", "text"?, "children"?}}, the
 * element names being CSP's, so a stored message reads like the primitive it is.
 */
public final class ElementJson {
    private ElementJson() {
    }

    /** The element as JSON; null for null. */
    public static JsonObject write(Element e) {
        if (e == null) {
            return null;
        }
        JsonObject out = new JsonObject().put("name", e.name());
        if (e.text() != null) {
            out.put("text", e.text());
        }
        if (!e.children().isEmpty()) {
            JsonArray children = new JsonArray();
            e.children().forEach(c -> children.add(write(c)));
            out.put("children", children);
        }
        return out;
    }

    /** The element read back; null for null. */
    public static Element read(JsonObject in) {
        if (in == null) {
            return null;
        }
        Element.Builder b = Element.builder(in.getString("name")).text(in.getString("text"));
        JsonArray children = in.getJsonArray("children");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                b.add(read(children.getJsonObject(i)));
            }
        }
        return b.build();
    }
}
