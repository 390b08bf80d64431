package imps.service.presence;

import imps.auth.UserDirectory;
import imps.protocol.CspException;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.Result.DetailedResult;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.service.contacts.ContactListService;
import imps.service.presence.PresenceAuthorization.Admission;
import imps.service.presence.PresenceAuthorization.Outcome;
import imps.session.EndCause;
import imps.session.ServiceModule;
import imps.session.SessionContext;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Presence (docs/services.md §4): UpdatePresence, GetPresence, SubscribePresence, UnsubscribePresence and
 * the server-initiated PresenceNotification-Request to every subscribed session. Presence is
 * published by sessions and merged per user ({@link PresenceDocument}); subscriptions live in the
 * subscribing session's context (OMA-TS-IMPS_CSP-V1_3 §5.3) and in a {@link WatcherIndex} that is dropped when the
 * session ends and re-made when it is recovered. What a watcher gets is up to the watched user's
 * authorization ({@link PresenceAuthorization}): a subscription is always made, but it delivers only
 * what the watcher may see, and nothing while the watched user has not answered or has refused.
 */
public final class PresenceService implements ServiceModule {
    private final SharedMap<PresenceDocument> documents;
    private final WatcherIndex watchers;
    private final SharedMap<HashSet<String>> listWatchers;
    private final PresenceAuthorization authorization;
    private final PresenceNotifier notifier;
    private final ContactListService lists;
    private final Addresses addresses;
    private final UserDirectory users;

    /** Context entries that stand for a followed contact list rather than a user. */
    private static final String LIST = "list:";

    PresenceService(SharedMap<PresenceDocument> documents, WatcherIndex watchers, SharedMap<HashSet<String>> listWatchers,
                    PresenceAuthorization authorization, PresenceNotifier notifier, ContactListService lists,
                    Addresses addresses, UserDirectory users) {
        this.documents = documents;
        this.watchers = watchers;
        this.listWatchers = listWatchers;
        this.authorization = authorization;
        this.notifier = notifier;
        lists.onListChange(this::listChanged);
        this.lists = lists;
        this.addresses = addresses;
        this.users = users;
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.UPDATE_PRESENCE, this::update),
                InbandTransaction.of(PrimitiveType.GET_PRESENCE, this::get),
                InbandTransaction.of(PrimitiveType.SUBSCRIBE_PRESENCE, this::subscribe),
                InbandTransaction.of(PrimitiveType.UNSUBSCRIBE_PRESENCE, this::unsubscribe));
    }

    private Future<Element> update(TransactionContext tx) {
        Element subList = tx.request().child("PresenceSubList");
        if (subList == null) {
            throw new MalformedPrimitive("UpdatePresence-Request without PresenceSubList");
        }
        for (Element attribute : subList.children()) {
            if (!PresenceDocument.ATTRIBUTES.contains(attribute.name())) {
                throw new CspException(StatusCode.INVALID_PRESENCE_ATTRIBUTE, "Unknown presence attribute " + attribute.name());
            }
        }
        ArrayList<Element> attributes = new ArrayList<>();
        subList.children().forEach(a -> attributes.add(a.name().equals("ClientInfo") ? withApplicationId(tx.session(), a) : a));
        String sessionId = tx.session().sessionId();
        String user = tx.session().userId();
        return documents.compute(user, slot -> {
            PresenceDocument doc = slot.get() == null ? new PresenceDocument() : slot.get();
            doc.publish(sessionId, attributes);
            slot.set(doc);
            return doc.merged();
        }).compose(merged -> notifier.changed(user, merged)).map(v -> StatusRules.ok());
    }

    /**
     * GetPresence answers for each user what the caller may see of the attributes asked for. A user
     * whose authorization is still being asked, or who refused the caller, has no Presence but a
     * DetailedResult: 521 (unresponded presence request) or 532 (the user refused the caller).
     */
    private Future<Element> get(TransactionContext tx) {
        Element req = tx.request();
        List<String> wanted = PresenceDocument.named(req.child("PresenceSubList"));
        String caller = tx.session().userId();
        return targets(tx.session(), req).compose(t -> {
            List<Future<Admission>> admissions = t.users().stream().map(u -> authorization.admit(u, caller, wanted)).toList();
            return Future.all(admissions).compose(admitted -> {
                List<DetailedResult> failures = new ArrayList<>(t.failures());
                List<Future<Element>> presences = new ArrayList<>();
                for (int i = 0; i < admissions.size(); i++) {
                    String user = t.users().get(i);
                    Admission a = admissions.get(i).result();
                    switch (a.outcome()) {
                        case SEE -> {
                            List<String> shown = wanted.stream().filter(a.attributes()::contains).toList();
                            presences.add(documents.get(user).map(doc ->
                                    presence(user, PresenceDocument.only(PresenceDocument.mergedOf(doc), shown))));
                        }
                        case WAIT -> failures.add(DetailedResult.forUser(StatusCode.UNRESPONDED_PRESENCE_REQUEST,
                                addresses.wireUser(user)));
                        case REFUSED -> failures.add(new DetailedResult(StatusCode.RECIPIENT_BLOCKED_SENDER,
                                "The user does not let you see their presence",
                                List.of(Element.leaf("UserID", addresses.wireUser(user)))));
                    }
                }
                return Future.all(presences).map(all -> {
                    Element.Builder b = Element.builder("GetPresence-Response")
                            .add(Result.fromParts(presences.size(), failures).toElement());
                    presences.forEach(p -> b.add(p.result()));
                    return b.build();
                });
            });
        });
    }

    /**
     * Subscribes the session to users and to the members of the user's contact lists. A list
     * subscribed with AutoSubscribe T (1.2), and every list subscription in 1.3 where the flag is
     * gone, is followed: members added to the list later are watched too, removed ones no longer.
     * The subscription is made whatever the watched user's authorization says, and authorization never
     * fails it: it starts delivering once the user lets the caller in (PresenceAuth-User, docs/services.md §4).
     */
    private Future<Element> subscribe(TransactionContext tx) {
        Element req = tx.request();
        SessionContext session = tx.session();
        boolean follow = session.version() == CspVersion.V1_3 || "T".equalsIgnoreCase(req.childText("AutoSubscribe"));
        List<String> asked = PresenceDocument.named(req.child("PresenceSubList"));
        return targets(session, req).compose(t -> {
            Set<String> subscribed = new LinkedHashSet<>(session.presenceSubscriptions());
            subscribed.addAll(t.users());
            List<Future<Void>> steps = new ArrayList<>();
            if (follow) {
                for (String list : t.lists()) {
                    subscribed.add(LIST + list);
                    steps.add(add(listWatchers, list, session.sessionId()));
                }
            }
            session.presenceSubscriptions(subscribed);
            for (String user : t.users()) {
                steps.add(watch(user, session.sessionId(), session.userId(), asked));
            }
            return Future.join(steps).transform(ar -> Future.succeededFuture(
                    StatusRules.status(Result.fromParts(t.users().size() + t.lists().size(), t.failures()))));
        });
    }

    /**
     * Watches a user for a session and, when the watcher may see the user, queues the current presence
     * to it (a notification always carries everything the watcher may see, whatever it asked for).
     */
    private Future<Void> watch(String user, String sessionId, String watcher, List<String> asked) {
        return watchers.add(user, sessionId, watcher)
                .compose(v -> authorization.admit(user, watcher, asked))
                .compose(a -> a.outcome() == Outcome.SEE ? notifier.current(user, sessionId, a.attributes())
                        : Future.succeededFuture());
    }

    private Future<Element> unsubscribe(TransactionContext tx) {
        SessionContext session = tx.session();
        return targets(session, tx.request()).compose(t -> {
            Set<String> subscribed = new LinkedHashSet<>(session.presenceSubscriptions());
            subscribed.removeAll(t.users());
            List<Future<Void>> steps = new ArrayList<>();
            t.users().forEach(u -> steps.add(watchers.remove(u, session.sessionId())));
            t.lists().forEach(l -> {
                subscribed.remove(LIST + l);
                steps.add(remove(listWatchers, l, session.sessionId()));
            });
            session.presenceSubscriptions(subscribed);
            return Future.join(steps).map(v -> StatusRules.status(
                    Result.fromParts(t.users().size() + t.lists().size(), t.failures())));
        });
    }

    /** A followed list changed: its followers watch the new members and stop watching the removed ones. */
    private Future<Void> listChanged(String owner, String listKey, List<String> added, List<String> removed) {
        return listWatchers.get(listKey).compose(followers -> {
            if (followers == null) {
                return Future.succeededFuture();
            }
            List<Future<Void>> steps = new ArrayList<>();
            for (String sid : followers) {
                added.forEach(u -> steps.add(watch(u, sid, owner, PresenceDocument.ATTRIBUTES)));
                removed.forEach(u -> steps.add(watchers.remove(u, sid)));
            }
            return Future.join(steps).mapEmpty();
        });
    }

    /**
     * OMA-TS-IMPS_CSP-V1_3 §7.1: a client that logged in with an Application-ID in its Client-ID has it published
     * in its ClientInfo, next to the Client-ID (element layout chosen from the 1.3 ApplicationID token,
     * docs/conformance.md).
     */
    @Override
    public Future<Void> servicesAgreed(SessionContext session) {
        if (!session.agreedFunctions().contains("UPDPR") || session.clientId().childText("ApplicationID") == null) {
            return Future.succeededFuture();
        }
        ArrayList<Element> attributes = new ArrayList<>(List.of(withApplicationId(session,
                Element.of("ClientInfo", Element.leaf("Qualifier", "T")))));
        String sessionId = session.sessionId();
        return documents.compute(session.userId(), slot -> {
            PresenceDocument doc = slot.get() == null ? new PresenceDocument() : slot.get();
            doc.publish(sessionId, attributes);
            slot.set(doc);
            return doc.merged();
        }).compose(merged -> notifier.changed(session.userId(), merged));
    }

    private static Element withApplicationId(SessionContext session, Element clientInfo) {
        String appId = session.clientId().childText("ApplicationID");
        if (appId == null || clientInfo.has("ApplicationID")) {
            return clientInfo;
        }
        return Element.builder("ClientInfo").addAll(clientInfo.children())
                .add(session.clientId()).leaf("ApplicationID", appId).build();
    }

    /** The session's presence goes; its subscriptions stop (the context keeps them for recovery). */
    @Override
    public Future<Void> ended(SessionContext session, EndCause cause) {
        String sessionId = session.sessionId();
        Future<Void> withdraw = documents.compute(session.userId(), slot -> {
            PresenceDocument doc = slot.get();
            if (doc == null || !doc.withdraw(sessionId)) {
                return null;
            }
            slot.set(doc.isEmpty() ? null : doc);
            return doc.merged();
        }).compose(merged -> merged == null ? Future.succeededFuture() : notifier.changed(session.userId(), merged));
        List<Future<Void>> steps = new ArrayList<>();
        steps.add(withdraw);
        for (String entry : session.presenceSubscriptions()) {
            steps.add(entry.startsWith(LIST)
                    ? remove(listWatchers, entry.substring(LIST.length()), sessionId)
                    : watchers.remove(entry, sessionId));
        }
        return Future.join(steps).mapEmpty();
    }

    /**
     * A recovered session's subscriptions are made again (OMA-TS-IMPS_CSP-V1_3 §6.4.4). Authorization is not asked
     * again: what the watcher may see is looked up at each notification.
     */
    @Override
    public Future<Void> recovered(SessionContext session) {
        String sid = session.sessionId();
        List<Future<Void>> steps = new ArrayList<>();
        for (String entry : session.presenceSubscriptions()) {
            if (entry.startsWith(LIST)) {
                String list = entry.substring(LIST.length());
                steps.add(add(listWatchers, list, sid).compose(v -> lists.members(session.userId(), list))
                        .compose(members -> {
                            List<Future<Void>> watch = new ArrayList<>();
                            if (members != null) {
                                members.forEach(u -> watch.add(watchers.add(u, sid, session.userId())));
                            }
                            return Future.join(watch).mapEmpty();
                        }));
            } else {
                steps.add(watchers.add(entry, sid, session.userId()));
            }
        }
        return Future.join(steps).mapEmpty();
    }

    private static Future<Void> add(SharedMap<HashSet<String>> index, String key, String sessionId) {
        return index.compute(key, slot -> {
            HashSet<String> set = slot.get() == null ? new HashSet<>() : slot.get();
            set.add(sessionId);
            slot.set(set);
            return null;
        });
    }

    private static Future<Void> remove(SharedMap<HashSet<String>> index, String key, String sessionId) {
        return index.compute(key, slot -> {
            HashSet<String> set = slot.get();
            if (set != null && set.remove(sessionId)) {
                slot.set(set.isEmpty() ? null : set);
            }
            return null;
        });
    }

    private Element presence(String user, Element subList) {
        return Element.of("Presence", Element.leaf("UserID", addresses.wireUser(user)), subList);
    }

    /** The users a request names directly (User/UserID) or through the session user's contact lists. */
    private record Targets(List<String> users, List<String> lists, List<DetailedResult> failures) {
    }

    private Future<Targets> targets(SessionContext session, Element req) {
        List<String> named = new ArrayList<>();
        req.children("User").forEach(u -> named.add(addresses.user(u.childText("UserID"))));
        req.childTexts("UserID").forEach(u -> named.add(addresses.user(u)));
        return users.existing(named).compose(known -> targets(session, req, known));
    }

    /** {@code known}: which of the users the request names are users of this server. */
    private Future<Targets> targets(SessionContext session, Element req, Set<String> known) {
        List<String> found = new ArrayList<>();
        List<DetailedResult> failures = new ArrayList<>();
        for (Element u : req.children("User")) {
            addUser(u.childText("UserID"), found, failures, known);
        }
        for (String u : req.childTexts("UserID")) {
            addUser(u, found, failures, known);
        }
        List<Future<Void>> listLookups = new ArrayList<>();
        List<String> listKeys = new ArrayList<>();
        for (String list : req.childTexts("ContactList")) {
            String key = lists.listKey(list, session.userId());
            listLookups.add(lists.members(session.userId(), key).map(members -> {
                if (members == null) {
                    failures.add(new DetailedResult(StatusCode.CONTACT_LIST_NOT_FOUND, StatusCode.CONTACT_LIST_NOT_FOUND.description(),
                            List.of(Element.leaf("ContactList", list))));
                } else {
                    listKeys.add(key);
                    members.forEach(m -> {
                        if (!found.contains(m)) {
                            found.add(m);
                        }
                    });
                }
                return null;
            }));
        }
        return Future.all(listLookups).map(v -> {
            if (found.isEmpty() && failures.isEmpty() && listLookups.isEmpty()) {
                throw new MalformedPrimitive(req.name() + " names no user or contact list");
            }
            return new Targets(found, listKeys, failures);
        });
    }

    private void addUser(String raw, List<String> found, List<DetailedResult> failures, Set<String> known) {
        String user = addresses.user(raw);
        if (user == null || !known.contains(user)) {
            failures.add(DetailedResult.forUser(StatusCode.UNKNOWN_USER, raw));
        } else if (!found.contains(user)) {
            found.add(user);
        }
    }
}
