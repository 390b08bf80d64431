package imps.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

/**
 * Values as schema version 1 stored them: Java serialization of the service's object. Only the
 * migration to the JSON forms reads them ({@link V2__Stored_values_as_json}). Reading accepts only the
 * gateway's own types and the JDK's, so a tampered row cannot instantiate arbitrary classes.
 */
final class LegacyValues {
    private static final ObjectInputFilter ONLY_OURS = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxarray=10000000;imps.**;java.lang.*;java.util.*;java.time.*;!*");

    private LegacyValues() {
    }

    static Object decode(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ONLY_OURS);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a stored value of schema version 1 cannot be read: " + e.getMessage(), e);
        }
    }
}
