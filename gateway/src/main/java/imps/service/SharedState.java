package imps.service;

import java.io.Serializable;

/** Where services get their shared maps from. */
public interface SharedState {
    <V extends Serializable> SharedMap<V> map(String name);

    /** A map whose entries disappear {@code ttl} after their last change. */
    <V extends Serializable> SharedMap<V> expiringMap(String name, java.time.Duration ttl);
}
