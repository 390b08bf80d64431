package imps.service.contacts;

import imps.auth.UserDirectory;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.Result.DetailedResult;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.session.ServiceModule;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Contact lists (docs/services.md §5): GetList, CreateList, DeleteList and ListManage, kept per user in
 * the cluster's shared map. Unknown users in a list change are reported one by one with 531 in a
 * DetailedResult, with 201 when the rest succeeded (OMA-TS-IMPS_CSP-V1_3 §6.1).
 */
public final class ContactListService implements ServiceModule {
    private final SharedMap<ContactLists> store;
    private final Addresses addresses;
    private final UserDirectory users;
    private final GatewayConfig.Services limits;
    private ListChangeListener listener = (owner, list, added, removed) -> Future.succeededFuture();

    /** Told when members join or leave a list, so list subscriptions can follow (AutoSubscribe). */
    @FunctionalInterface
    public interface ListChangeListener {
        Future<Void> membersChanged(String owner, String listKey, List<String> added, List<String> removed);
    }

    public void onListChange(ListChangeListener l) {
        this.listener = l;
    }

    public ContactListService(SharedMap<ContactLists> store, Addresses addresses, UserDirectory users,
                              GatewayConfig.Services limits) {
        this.store = store;
        this.addresses = addresses;
        this.users = users;
        this.limits = limits;
    }

    /** The key of one of the owner's lists as written by a client, or null when it is not the owner's. */
    public String listKey(String rawListId, String owner) {
        return addresses.contactList(rawListId, owner);
    }

    /** The members of one of the user's lists (by key), or null when there is no such list (used by presence). */
    public Future<List<String>> members(String owner, String key) {
        if (key == null) {
            return Future.succeededFuture(null);
        }
        return store.get(owner).map(all -> {
            ContactLists.ContactList list = all == null ? null : all.lists.get(key);
            return list == null ? null : List.copyOf(list.members.keySet());
        });
    }

    /** Whether {@code user} is a member of any of the owner's lists (used by presence authorization). */
    public Future<Boolean> isContact(String owner, String user) {
        return store.get(owner).map(all -> all != null
                && all.lists.values().stream().anyMatch(list -> list.members.containsKey(user)));
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.GET_LIST, this::getList),
                InbandTransaction.of(PrimitiveType.CREATE_LIST, this::createList),
                InbandTransaction.of(PrimitiveType.DELETE_LIST, this::deleteList),
                InbandTransaction.of(PrimitiveType.LIST_MANAGE, this::listManage));
    }

    private Future<Element> getList(TransactionContext tx) {
        return store.get(tx.session().userId()).map(all -> {
            Element.Builder b = Element.builder("GetList-Response");
            if (all != null) {
                // The default list is named once, as DefaultContactList: clients add every ContactList
                // and the DefaultContactList to their lists, so naming it in both shows it twice.
                all.lists.keySet().stream().filter(k -> !k.equals(all.defaultList))
                        .forEach(k -> b.leaf("ContactList", addresses.wireList(k)));
                if (all.defaultList != null) {
                    b.leaf("DefaultContactList", addresses.wireList(all.defaultList));
                }
            }
            return b.build();
        });
    }

    private Future<Element> createList(TransactionContext tx) {
        return users.existing(named(tx.request().child("NickList"))).compose(known -> createList(tx, known));
    }

    /** {@code known}: which of the users the NickList names are users of this server. */
    private Future<Element> createList(TransactionContext tx, Set<String> known) {
        String owner = tx.session().userId();
        String key = listKey(tx.request(), owner);
        Members members = members(tx.request().child("NickList"), known);
        Properties props = properties(tx.request().child("ContactListProperties"));
        int maxLists = limits.maxContactLists();
        int maxContacts = limits.maxContactsPerList();
        LinkedHashMap<String, String> valid = new LinkedHashMap<>();
        List<DetailedResult> failures = new ArrayList<>(members.failures);
        members.valid.forEach((user, nick) -> {
            if (valid.size() < maxContacts) {
                valid.put(user, nick);
            } else {
                failures.add(DetailedResult.forUser(StatusCode.MAX_CONTACTS, addresses.wireUser(user)));
            }
        });
        String displayName = props.displayName;
        boolean makeDefault = Boolean.TRUE.equals(props.isDefault);
        return store.compute(owner, slot -> {
            ContactLists all = slot.get() == null ? new ContactLists() : slot.get();
            if (all.lists.containsKey(key)) {
                return StatusCode.CONTACT_LIST_EXISTS;
            }
            if (all.lists.size() >= maxLists) {
                return StatusCode.MAX_CONTACT_LISTS;
            }
            ContactLists.ContactList list = new ContactLists.ContactList();
            list.displayName = displayName;
            list.members.putAll(valid);
            all.lists.put(key, list);
            if (makeDefault || all.defaultList == null) {
                all.defaultList = key;
            }
            slot.set(all);
            return StatusCode.OK;
        }).compose(code -> {
            if (code != StatusCode.OK) {
                return Future.failedFuture(new CspException(code));
            }
            return Future.succeededFuture(StatusRules.status(Result.fromParts(1, failures)));
        });
    }

    private Future<Element> deleteList(TransactionContext tx) {
        String owner = tx.session().userId();
        String key = listKey(tx.request(), owner);
        return store.compute(owner, slot -> {
            ContactLists all = slot.get();
            if (all == null || all.lists.remove(key) == null) {
                return false;
            }
            if (key.equals(all.defaultList)) {
                all.defaultList = all.lists.isEmpty() ? null : all.lists.keySet().iterator().next();
            }
            slot.set(all.lists.isEmpty() ? null : all);
            return true;
        }).compose(found -> found
                ? Future.succeededFuture(StatusRules.ok())
                : Future.failedFuture(new CspException(StatusCode.CONTACT_LIST_NOT_FOUND)));
    }

    /** What a ListManage changed, returned from the shared map. */
    private record Managed(StatusCode code, LinkedHashMap<String, String> members, String displayName,
                           boolean isDefault, ArrayList<String> added, ArrayList<String> removed) implements Serializable {
    }

    private Future<Element> listManage(TransactionContext tx) {
        return users.existing(named(tx.request().child("AddNickList"))).compose(known -> listManage(tx, known));
    }

    /** {@code known}: which of the users the AddNickList names are users of this server. */
    private Future<Element> listManage(TransactionContext tx, Set<String> known) {
        Element req = tx.request();
        String owner = tx.session().userId();
        String key = listKey(req, owner);
        Members add = members(req.child("AddNickList"), known);
        List<String> remove = new ArrayList<>();
        Element removeList = req.child("RemoveNickList");
        if (removeList != null) {
            removeList.childTexts("UserID").forEach(u -> remove.add(addresses.user(u)));
        }
        Properties props = properties(req.child("ContactListProperties"));
        boolean receive = "T".equalsIgnoreCase(req.childText("ReceiveList"));
        int maxContacts = limits.maxContactsPerList();
        LinkedHashMap<String, String> toAdd = add.valid;
        String newName = props.displayName;
        boolean makeDefault = Boolean.TRUE.equals(props.isDefault);
        return store.compute(owner, slot -> {
            ContactLists all = slot.get();
            ContactLists.ContactList list = all == null ? null : all.lists.get(key);
            if (list == null) {
                return new Managed(StatusCode.CONTACT_LIST_NOT_FOUND, null, null, false, null, null);
            }
            ArrayList<String> added = new ArrayList<>();
            for (Map.Entry<String, String> e : toAdd.entrySet()) {
                if (list.members.size() >= maxContacts && !list.members.containsKey(e.getKey())) {
                    return new Managed(StatusCode.MAX_CONTACTS, null, null, false, null, null);
                }
                if (list.members.put(e.getKey(), e.getValue()) == null) {
                    added.add(e.getKey());
                }
            }
            ArrayList<String> removed = new ArrayList<>();
            remove.forEach(u -> {
                if (list.members.containsKey(u)) {
                    list.members.remove(u);
                    removed.add(u);
                }
            });
            if (newName != null) {
                list.displayName = newName;
            }
            if (makeDefault) {
                all.defaultList = key;
            }
            slot.set(all);
            return new Managed(StatusCode.OK, new LinkedHashMap<>(list.members), list.displayName,
                    key.equals(all.defaultList), added, removed);
        }).compose(m -> {
            if (m.code() != StatusCode.OK) {
                return Future.failedFuture(new CspException(m.code()));
            }
            Future<Void> followed = m.added().isEmpty() && m.removed().isEmpty()
                    ? Future.succeededFuture()
                    : listener.membersChanged(owner, key, m.added(), m.removed());
            return followed.map(v -> m);
        }).map(m -> {
            boolean changed = !m.added().isEmpty() || !remove.isEmpty() || props.displayName != null || props.isDefault != null;
            int succeeded = changed || add.failures.isEmpty() ? 1 : 0;
            Element.Builder b = Element.builder("ListManage-Response").add(Result.fromParts(succeeded, add.failures).toElement());
            if (receive) {
                b.add(nickList(m.members()));
                b.add(propertiesElement(m.displayName(), m.isDefault()));
            }
            return b.build();
        });
    }

    private String listKey(Element req, String owner) {
        String raw = req.childText("ContactList");
        if (raw == null) {
            throw new MalformedPrimitive(req.name() + " without ContactList");
        }
        String key = addresses.contactList(raw, owner);
        if (key == null) {
            throw new CspException(StatusCode.CONTACT_LIST_NOT_FOUND, "Only the user's own contact lists can be used");
        }
        return key;
    }

    /** The users of a NickList / AddNickList: known ones with their nicknames, unknown ones as 531 details. */
    private record Members(LinkedHashMap<String, String> valid, List<DetailedResult> failures) {
    }

    /** The User-ID a NickList entry (NickName or UserID) names, as written, or null. */
    private static String rawUser(Element e) {
        return e.name().equals("NickName") ? e.childText("UserID") : e.name().equals("UserID") ? e.text() : null;
    }

    /** The users a NickList / AddNickList names. */
    private List<String> named(Element nickList) {
        return nickList == null ? List.of() : nickList.children().stream().map(ContactListService::rawUser)
                .filter(Objects::nonNull).map(addresses::user).toList();
    }

    private Members members(Element nickList, Set<String> known) {
        LinkedHashMap<String, String> valid = new LinkedHashMap<>();
        List<DetailedResult> failures = new ArrayList<>();
        if (nickList == null) {
            return new Members(valid, failures);
        }
        for (Element e : nickList.children()) {
            String rawUser = rawUser(e);
            if (rawUser == null) {
                continue;
            }
            String user = addresses.user(rawUser);
            if (user == null || !known.contains(user)) {
                failures.add(DetailedResult.forUser(StatusCode.UNKNOWN_USER, rawUser));
            } else {
                valid.put(user, e.name().equals("NickName") ? e.childText("Name") : null);
            }
        }
        return new Members(valid, failures);
    }

    private record Properties(String displayName, Boolean isDefault) {
    }

    private static Properties properties(Element props) {
        String name = null;
        Boolean isDefault = null;
        if (props != null) {
            for (Element p : props.children("Property")) {
                String n = p.childText("Name");
                String v = p.childText("Value");
                if ("DisplayName".equalsIgnoreCase(n)) {
                    name = v;
                } else if ("Default".equalsIgnoreCase(n)) {
                    isDefault = "T".equalsIgnoreCase(v);
                } else {
                    throw new CspException(StatusCode.INVALID_CONTACT_LIST_PROPERTY, "Unknown contact list property " + n);
                }
            }
        }
        return new Properties(name, isDefault);
    }

    private Element nickList(Map<String, String> members) {
        Element.Builder b = Element.builder("NickList");
        members.forEach((user, nick) -> b.add(Element.builder("NickName").leaf("Name", nick)
                .leaf("UserID", addresses.wireUser(user)).build()));
        return b.build();
    }

    private static Element propertiesElement(String displayName, boolean isDefault) {
        Element.Builder b = Element.builder("ContactListProperties");
        if (displayName != null) {
            b.add(Element.builder("Property").leaf("Name", "DisplayName").leaf("Value", displayName).build());
        }
        b.add(Element.builder("Property").leaf("Name", "Default").leaf("Value", isDefault ? "T" : "F").build());
        return b.build();
    }
}
