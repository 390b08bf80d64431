package imps.service.blocking;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.StatusRules;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.session.ServiceModule;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * GetBlockedList and BlockEntity (BlockUser in CSP 1.1): the lists that decide who may send a user
 * instant messages (docs/services.md §7). In 1.1/1.2 each list carries InUse; in 1.3 the in-use flags are
 * BlockListInUse / GrantListInUse ahead of the lists.
 */
public final class BlockingService implements ServiceModule {
    private final SharedMap<BlockState> store;
    private final Addresses addresses;

    public BlockingService(SharedMap<BlockState> store, Addresses addresses) {
        this.store = store;
        this.addresses = addresses;
    }

    /** Whether {@code recipient} accepts messages from {@code sender}. */
    public Future<Boolean> admits(String recipient, String sender) {
        return store.get(recipient).map(state -> state == null || state.admits(sender));
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.GET_BLOCKED_LIST, this::getBlockedList),
                InbandTransaction.of(PrimitiveType.BLOCK_ENTITY, this::block),
                InbandTransaction.of(PrimitiveType.BLOCK_USER, this::block));
    }

    private Future<Element> getBlockedList(TransactionContext tx) {
        boolean v13 = tx.session().version() == CspVersion.V1_3;
        return store.get(tx.session().userId()).map(s -> {
            BlockState state = s == null ? new BlockState() : s;
            Element.Builder b = Element.builder("GetBlockedList-Response");
            if (v13) {
                b.flag("BlockListInUse", state.blockInUse).flag("GrantListInUse", state.grantInUse);
            }
            b.add(list("BlockList", state.blockInUse, state.blocked, v13));
            b.add(list("GrantList", state.grantInUse, state.granted, v13));
            return b.build();
        });
    }

    private Element list(String name, boolean inUse, Iterable<String> users, boolean v13) {
        Element.Builder entities = Element.builder("EntityList");
        users.forEach(u -> entities.leaf("UserID", addresses.wireUser(u)));
        Element.Builder b = Element.builder(name);
        if (!v13) {
            b.flag("InUse", inUse);
        }
        return b.add(entities.build()).build();
    }

    /** The changes one list element asks for: in-use flag, a replacement list, additions, removals. */
    private record Change(Boolean inUse, ArrayList<String> replace, ArrayList<String> add, ArrayList<String> remove)
            implements java.io.Serializable {
    }

    private Change change(Element list, String topLevelInUse) {
        Boolean inUse = topLevelInUse == null ? null : "T".equalsIgnoreCase(topLevelInUse);
        if (list == null) {
            return new Change(inUse, null, new ArrayList<>(), new ArrayList<>());
        }
        if (list.childText("InUse") != null) {
            inUse = "T".equalsIgnoreCase(list.childText("InUse"));
        }
        ArrayList<String> replace = list.child("EntityList") == null ? null : users(list.child("EntityList"));
        return new Change(inUse, replace, users(list.child("AddList")), users(list.child("RemoveList")));
    }

    private ArrayList<String> users(Element e) {
        ArrayList<String> out = new ArrayList<>();
        if (e != null) {
            e.childTexts("UserID").forEach(u -> {
                String key = addresses.user(u);
                if (key != null) {
                    out.add(key);
                }
            });
        }
        return out;
    }

    private Future<Element> block(TransactionContext tx) {
        Element req = tx.request();
        Change block = change(req.child("BlockList"), req.childText("BlockListInUse"));
        Change grant = change(req.child("GrantList"), req.childText("GrantListInUse"));
        return store.compute(tx.session().userId(), slot -> {
            BlockState state = slot.get() == null ? new BlockState() : slot.get();
            if (block.inUse() != null) {
                state.blockInUse = block.inUse();
            }
            if (grant.inUse() != null) {
                state.grantInUse = grant.inUse();
            }
            apply(state.blocked, block);
            apply(state.granted, grant);
            slot.set(state);
            return null;
        }).map(v -> StatusRules.ok());
    }

    private static void apply(java.util.Set<String> set, Change c) {
        if (c.replace() != null) {
            set.clear();
            set.addAll(c.replace());
        }
        set.addAll(c.add());
        c.remove().forEach(set::remove);
    }
}
