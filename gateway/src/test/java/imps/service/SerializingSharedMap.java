package imps.service;

import io.vertx.core.Future;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A shared map for unit tests that behaves as the cluster's does where it matters: every value and
 * every computation crosses a serialization boundary, as when Hazelcast runs it on another member. A
 * computation that captured something not serializable fails here as it would there.
 */
public final class SerializingSharedMap<V extends Serializable> implements SharedMap<V> {
    private final Map<String, byte[]> entries = new HashMap<>();

    @Override
    public Future<V> get(String key) {
        byte[] stored = entries.get(key);
        return Future.succeededFuture(stored == null ? null : SerializingSharedMap.<V>read(stored));
    }

    @Override
    public <R> Future<R> compute(String key, Computation<V, R> computation) {
        Computation<V, R> remote = read(write(computation));
        byte[] stored = entries.get(key);
        Object[] value = {stored == null ? null : read(stored)};
        R result = remote.apply(new Slot<>() {
            @Override
            @SuppressWarnings("unchecked")
            public V get() {
                return (V) value[0];
            }

            @Override
            public void set(V v) {
                value[0] = v;
            }
        });
        if (value[0] == null) {
            entries.remove(key);
        } else {
            entries.put(key, write(value[0]));
        }
        return Future.succeededFuture(result == null ? null : read(write(result)));
    }

    private static byte[] write(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
