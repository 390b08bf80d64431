package imps.service;

import io.vertx.core.Future;

import java.io.Serializable;

/**
 * A map shared by every node of the cluster, as services see it: read a value, or change it
 * atomically where it lives. Services keep their state here (docs/services.md §3) and know nothing of
 * the cluster that provides it.
 */
public interface SharedMap<V extends Serializable> {
    Future<V> get(String key);

    /** Runs {@code computation} atomically on the key's value and returns what it returns. */
    <R> Future<R> compute(String key, Computation<V, R> computation);

    /** A read-modify-write step; it may run on another node, so it must be serializable. */
    interface Computation<V, R> extends Serializable {
        R apply(Slot<V> slot);
    }

    /** The value under one key during a computation; setting null removes it. */
    interface Slot<V> {
        V get();

        void set(V value);
    }
}
