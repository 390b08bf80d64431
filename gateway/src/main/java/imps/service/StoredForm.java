package imps.service;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * How a service's value is written to the subscriber store and read back (docs/store.md, "Stored
 * form"): one JSON object per value that names its form's version in {@code "v"}, so that a DBA can
 * read a row and a node of another release knows what it is looking at. A form reads every version up
 * to its own and refuses a newer one (a node older than the row's writer): during a rolling upgrade a
 * release that changes a form first ships reading the new version, and writes it one release later.
 *
 * @param <V> the service's value
 */
public interface StoredForm<V> {
    /** The version this release writes. */
    int version();

    /** Writes {@code value}'s fields into {@code out} (the version is added by {@link #encode}). */
    void write(V value, JsonObject out);

    /** Reads a value of form version {@code version} (at most {@link #version()}). */
    V read(JsonObject in, int version);

    /** The user a value belongs to when that is not its key (a group's owner, a report's sender); else null. */
    default String owner(V value) {
        return null;
    }

    default String encode(V value) {
        JsonObject out = new JsonObject().put("v", version());
        write(value, out);
        return out.encode();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a JSON object of this form, or one of a
     *                                  newer version than this release reads
     */
    default V decode(String text) {
        JsonObject in;
        try {
            in = new JsonObject(text);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("a stored value is not a JSON object: " + e.getMessage(), e);
        }
        try {
            Integer v = in.getInteger("v");
            if (v == null || v < 1 || v > version()) {
                throw new IllegalArgumentException("a stored value of form version " + v + "; this release reads 1 to "
                        + version());
            }
            return read(in, v);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a stored value does not have this form's fields: " + e.getMessage(), e);
        }
    }
}
