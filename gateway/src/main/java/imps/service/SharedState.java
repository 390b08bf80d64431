package imps.service;

import java.io.Serializable;
import java.util.Set;

/** Where services get their shared maps from. */
public interface SharedState {
    /**
     * The maps read on every message or notification and changed only now and then (block lists,
     * groups, presence watchers and authorizations). A node may answer their reads from a copy of its
     * own, dropped on every change: a read on this node after a change made through it sees the change,
     * a read on another node may see the value from before it for a moment (until the node hears of the
     * change, docs/cluster.md). Values read from them are shared: nothing may change them, except
     * inside {@link SharedMap#compute}.
     */
    Set<String> READ_MOSTLY = Set.of("blocking", "groups", "presence-watcher-sessions", "presence-auth");

    <V extends Serializable> SharedMap<V> map(String name);

    /** A map whose entries disappear {@code ttl} after their last change. */
    <V extends Serializable> SharedMap<V> expiringMap(String name, java.time.Duration ttl);
}
