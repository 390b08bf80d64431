package imps.service.groups;

import imps.protocol.CspException;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.session.Delivery;
import imps.session.EndCause;
import imps.session.ServiceModule;
import imps.session.SessionContext;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Discussion groups (docs/services.md §8): CreateGroup, DeleteGroup, JoinGroup, LeaveGroup,
 * GetJoinedUsers, GetGroupProps, SetGroupProps, SubscribeGroupNotice, GroupChangeNotice to members
 * who asked for notices, and group messages. A session leaves its groups when it ends (OMA-TS-IMPS_CSP-V1_3
 * §6.6.1, other members see it) and re-joins them when recovered (docs/conformance.md, "Decisions where
 * the CRs disagree"); groups a user joined with the AutoJoin property are joined after each login's
 * service negotiation (OMA-TS-IMPS_CSP-V1_3 §7.1).
 */
public final class GroupService implements ServiceModule {
    private final SharedMap<Group> groups;
    private final SharedMap<HashSet<String>> autoJoin;
    private final Addresses addresses;
    private final Delivery delivery;

    public GroupService(SharedMap<Group> groups, SharedMap<HashSet<String>> autoJoin, Addresses addresses,
                        Delivery delivery) {
        this.groups = groups;
        this.autoJoin = autoJoin;
        this.addresses = addresses;
        this.delivery = delivery;
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.CREATE_GROUP, this::create),
                InbandTransaction.of(PrimitiveType.DELETE_GROUP, this::delete),
                InbandTransaction.of(PrimitiveType.JOIN_GROUP, this::join),
                InbandTransaction.of(PrimitiveType.LEAVE_GROUP, this::leave),
                InbandTransaction.of(PrimitiveType.GET_JOINED_USERS, this::joinedUsers),
                InbandTransaction.of(PrimitiveType.GET_GROUP_PROPS, this::getProps),
                InbandTransaction.of(PrimitiveType.SET_GROUP_PROPS, this::setProps),
                InbandTransaction.of(PrimitiveType.SUBSCRIBE_GROUP_NOTICE, this::subscribeNotice));
    }

    /** GRCHN: GroupChangeNotice is pushed, it has no request primitive. */
    @Override
    public List<String> pushLeaves() {
        return List.of("GRCHN");
    }

    private String groupId(Element req) {
        String raw = req.childText("GroupID");
        if (raw == null) {
            throw new MalformedPrimitive(req.name() + " without GroupID");
        }
        String key = addresses.group(raw);
        if (key == null) {
            throw new CspException(StatusCode.GROUP_NOT_FOUND, "Not a group address: " + raw);
        }
        return key;
    }

    private static LinkedHashMap<String, String> properties(Element props) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (props != null) {
            for (Element p : props.children("Property")) {
                if (p.childText("Name") != null) {
                    out.put(p.childText("Name"), p.childText("Value"));
                }
            }
        }
        return out;
    }

    private Future<Element> create(TransactionContext tx) {
        Element req = tx.request();
        String key = groupId(req);
        String owner = tx.session().userId();
        if (!key.startsWith("/") && !key.startsWith(owner + "/")) {
            throw new CspException(StatusCode.INSUFFICIENT_GROUP_PRIVILEGES, "A user creates groups under their own name");
        }
        LinkedHashMap<String, String> props = properties(req.child("GroupProperties"));
        Element welcome = req.child("GroupProperties") == null ? null : req.child("GroupProperties").child("WelcomeNote");
        return groups.compute(key, slot -> {
            if (slot.get() != null) {
                return false;
            }
            Group g = new Group(owner);
            g.properties.putAll(props);
            g.welcomeNote = welcome;
            slot.set(g);
            return true;
        }).compose(created -> {
            if (!created) {
                return Future.failedFuture(new CspException(StatusCode.GROUP_EXISTS));
            }
            if (!"T".equalsIgnoreCase(req.childText("JoinGroup"))) {
                return Future.succeededFuture(StatusRules.ok());
            }
            return joinAs(tx.session(), key, screenName(req, tx.session()), "T".equalsIgnoreCase(req.childText("SubscribeNotification")))
                    .map(g -> StatusRules.ok());
        });
    }

    private Future<Element> delete(TransactionContext tx) {
        String key = groupId(tx.request());
        String user = tx.session().userId();
        return groups.compute(key, slot -> {
            Group g = slot.get();
            if (g == null) {
                return StatusCode.GROUP_NOT_FOUND;
            }
            if (!g.owner.equals(user)) {
                return StatusCode.INSUFFICIENT_GROUP_PRIVILEGES;
            }
            slot.set(null);
            return StatusCode.OK;
        }).compose(code -> code == StatusCode.OK
                ? Future.succeededFuture(StatusRules.ok())
                : Future.failedFuture(new CspException(code)));
    }

    private String screenName(Element req, SessionContext session) {
        Element sn = req.child("ScreenName");
        String name = sn == null ? null : sn.childText("SName");
        return name == null || name.isBlank() ? session.userId() : name;
    }

    /** What a join changed, returned from the shared map. */
    private record Joined(StatusCode code, Group group) implements Serializable {
    }

    private Future<Element> join(TransactionContext tx) {
        Element req = tx.request();
        String key = groupId(req);
        SessionContext session = tx.session();
        boolean notices = "T".equalsIgnoreCase(req.childText("SubscribeNotification"));
        Map<String, String> own = properties(req.child("OwnProperties"));
        Future<Void> remember = "T".equalsIgnoreCase(own.get("AutoJoin"))
                ? add(autoJoin, session.userId(), key) : Future.succeededFuture();
        return remember.compose(v -> joinAs(session, key, screenName(req, session), notices)).map(g -> {
            Element.Builder b = Element.builder("JoinGroup-Response");
            if ("T".equalsIgnoreCase(req.childText("JoinedRequest"))) {
                b.add(memberList(session.version(), key, g.joined));
            }
            return b.add(g.welcomeNote).build();
        });
    }

    /** Adds the session to the group, records it in the context, and tells the other members. */
    private Future<Group> joinAs(SessionContext session, String key, String screenName, boolean notices) {
        String sid = session.sessionId();
        Group.Member me = new Group.Member(session.userId(), screenName, notices, session.version().label());
        return groups.compute(key, slot -> {
            Group g = slot.get();
            if (g == null) {
                return new Joined(StatusCode.GROUP_NOT_FOUND, null);
            }
            if (g.joined.containsKey(sid)) {
                return new Joined(StatusCode.GROUP_ALREADY_JOINED, null);
            }
            if (g.restricted() && !g.owner.equals(me.userId())) {
                return new Joined(StatusCode.USER_REJECTED, null);
            }
            if (g.screenNameTaken(screenName, sid)) {
                return new Joined(StatusCode.SCREEN_NAME_IN_USE, null);
            }
            g.joined.put(sid, me);
            slot.set(g);
            return new Joined(StatusCode.OK, g);
        }).compose(j -> {
            if (j.code() != StatusCode.OK) {
                return Future.failedFuture(new CspException(j.code()));
            }
            Set<String> joined = new LinkedHashSet<>(session.joinedGroups());
            joined.add(key);
            session.joinedGroups(joined);
            return notice(key, j.group(), sid, me, true).map(v -> j.group());
        });
    }

    private Future<Element> leave(TransactionContext tx) {
        String key = groupId(tx.request());
        return leaveAs(tx.session(), key).map(left -> Element.builder("LeaveGroup-Response")
                .leaf("GroupID", addresses.wireGroup(key))
                .add((left ? Result.ok() : Result.of(StatusCode.GROUP_NOT_JOINED)).toElement())
                .build());
    }

    /** Removes the session from the group; false when it had not joined it. */
    private Future<Boolean> leaveAs(SessionContext session, String key) {
        String sid = session.sessionId();
        Set<String> joined = new LinkedHashSet<>(session.joinedGroups());
        joined.remove(key);
        session.joinedGroups(joined);
        return groups.compute(key, slot -> {
            Group g = slot.get();
            if (g == null || !g.joined.containsKey(sid)) {
                return null;
            }
            Group.Member gone = g.joined.remove(sid);
            slot.set(g);
            return new Left(g, gone);
        }).compose(l -> l == null
                ? Future.succeededFuture(false)
                : notice(key, l.group(), sid, l.member(), false).map(v -> true));
    }

    private record Left(Group group, Group.Member member) implements Serializable {
    }

    private Future<Element> joinedUsers(TransactionContext tx) {
        String key = groupId(tx.request());
        return existing(key).map(g -> Element.of("GetJoinedUsers-Response",
                userMapList(g.joined.values().stream().toList())));
    }

    private Future<Element> getProps(TransactionContext tx) {
        String key = groupId(tx.request());
        String sid = tx.session().sessionId();
        return existing(key).map(g -> {
            Element.Builder props = Element.builder("GroupProperties");
            g.properties.forEach((n, v) -> props.add(Element.builder("Property").leaf("Name", n).leaf("Value", v).build()));
            props.add(g.welcomeNote);
            Group.Member me = g.joined.get(sid);
            Element.Builder own = Element.builder("OwnProperties");
            own.add(Element.builder("Property").leaf("Name", "IsMember").leaf("Value", me != null ? "T" : "F").build());
            return Element.of("GetGroupProps-Response", props.build(), own.build());
        });
    }

    private Future<Element> setProps(TransactionContext tx) {
        Element req = tx.request();
        String key = groupId(req);
        String user = tx.session().userId();
        LinkedHashMap<String, String> props = properties(req.child("GroupProperties"));
        return groups.compute(key, slot -> {
            Group g = slot.get();
            if (g == null) {
                return StatusCode.GROUP_NOT_FOUND;
            }
            if (!g.owner.equals(user)) {
                return StatusCode.INSUFFICIENT_GROUP_PRIVILEGES;
            }
            g.properties.putAll(props);
            slot.set(g);
            return StatusCode.OK;
        }).compose(code -> code == StatusCode.OK
                ? Future.succeededFuture(StatusRules.ok())
                : Future.failedFuture(new CspException(code)));
    }

    private Future<Element> subscribeNotice(TransactionContext tx) {
        Element req = tx.request();
        String key = groupId(req);
        String sid = tx.session().sessionId();
        String type = req.childText("SubscribeType") == null ? "G" : req.childText("SubscribeType").toUpperCase();
        return groups.compute(key, slot -> {
            Group g = slot.get();
            if (g == null) {
                return StatusCode.GROUP_NOT_FOUND.code();
            }
            Group.Member me = g.joined.get(sid);
            if (me == null) {
                return StatusCode.GROUP_NOT_JOINED.code();
            }
            if (!type.equals("G")) {
                g.joined.put(sid, me.withNotices(type.equals("S")));
                slot.set(g);
            }
            return g.joined.get(sid).notices() ? 1 : 0;
        }).compose(value -> value > 1
                ? Future.failedFuture(new CspException(StatusCode.fromCode(value)))
                : Future.succeededFuture(Element.of("SubscribeGroupNotice-Response",
                        Element.leaf("Value", value == 1 ? "T" : "F"))));
    }

    /**
     * Delivers a group message to every other joined session, or only to the member using
     * {@code toScreenName} when it is a private message; fails with 808 when the sending session has
     * not joined the group, 800 when there is none, 531 when no member has that screen name.
     */
    /** {@code reportTag}: handed back when a member confirms the message (null when no report is owed). */
    public Future<Integer> deliverMessage(String groupIdRaw, SessionContext sender, Element newMessage, String toScreenName,
                                          String reportTag) {
        String key = addresses.group(groupIdRaw);
        if (key == null) {
            return Future.failedFuture(new CspException(StatusCode.GROUP_NOT_FOUND));
        }
        return existing(key).compose(g -> {
            Group.Member me = g.joined.get(sender.sessionId());
            if (me == null) {
                return Future.failedFuture(new CspException(StatusCode.GROUP_NOT_JOINED));
            }
            List<Future<Void>> sends = new ArrayList<>();
            g.joined.forEach((sid, m) -> {
                boolean addressed = toScreenName == null || m.screenName().equalsIgnoreCase(toScreenName);
                if (!sid.equals(sender.sessionId()) && addressed) {
                    sends.add(delivery.toSession(sid, newMessage, true, null, reportTag));
                }
            });
            if (toScreenName != null && sends.isEmpty()) {
                return Future.failedFuture(new CspException(StatusCode.UNKNOWN_USER, "No member uses that screen name"));
            }
            return Future.join(sends).transform(ar -> Future.succeededFuture(sends.size()));
        });
    }

    /** The screen name the session uses in a group, for the Sender of its group messages. */
    public Future<String> screenNameIn(String groupIdRaw, String sessionId) {
        String key = addresses.group(groupIdRaw);
        return key == null ? Future.succeededFuture(null) : groups.get(key).map(g -> {
            Group.Member m = g == null ? null : g.joined.get(sessionId);
            return m == null ? null : m.screenName();
        });
    }

    private Future<Group> existing(String key) {
        return groups.get(key).compose(g -> g == null
                ? Future.failedFuture(new CspException(StatusCode.GROUP_NOT_FOUND))
                : Future.succeededFuture(g));
    }

    /** GroupChangeNotice to the other members who asked for notices. */
    private Future<Void> notice(String key, Group g, String changedSession, Group.Member who, boolean joined) {
        List<Future<Void>> sends = new ArrayList<>();
        g.joined.forEach((sid, m) -> {
            if (!sid.equals(changedSession) && m.notices()) {
                CspVersion v = CspVersion.fromLabel(m.version());
                Element change = joined
                        ? Element.of("Joined", v == CspVersion.V1_1 ? screenNameElement(key, who) : userMapList(List.of(who)))
                        : Element.of("Left", v == CspVersion.V1_1 ? screenNameElement(key, who)
                                : Element.of("UserList", screenNameElement(key, who)));
                sends.add(delivery.toSession(sid, Element.of("GroupChangeNotice",
                        Element.leaf("GroupID", addresses.wireGroup(key)), change), true, null, null));
            }
        });
        return Future.join(sends).mapEmpty();
    }

    private Element memberList(CspVersion v, String key, Map<String, Group.Member> joined) {
        if (v == CspVersion.V1_1) {
            Element.Builder list = Element.builder("UserList");
            joined.values().forEach(m -> list.add(screenNameElement(key, m)));
            return list.build();
        }
        return userMapList(joined.values().stream().toList());
    }

    private Element userMapList(List<Group.Member> members) {
        Element.Builder mapping = Element.builder("UserMapping");
        members.forEach(m -> mapping.add(Element.builder("Mapping").leaf("SName", m.screenName())
                .leaf("UserID", addresses.wireUser(m.userId())).build()));
        return Element.of("UserMapList", mapping.build());
    }

    private Element screenNameElement(String key, Group.Member m) {
        return Element.builder("ScreenName").leaf("SName", m.screenName()).leaf("GroupID", addresses.wireGroup(key)).build();
    }

    /** Leaves every joined group; the context keeps the list for recovery. */
    @Override
    public Future<Void> ended(SessionContext session, EndCause cause) {
        Set<String> remembered = session.joinedGroups();
        Future<Void> chain = Future.succeededFuture();
        for (String key : remembered) {
            chain = chain.compose(v -> leaveAs(session, key).mapEmpty());
        }
        return chain.map(v -> {
            session.joinedGroups(remembered);
            return null;
        });
    }

    /**
     * A recovered session is back in the groups it had joined (that still exist). A live session
     * that recovered from a new bearer never left them and simply stays.
     */
    @Override
    public Future<Void> recovered(SessionContext session) {
        return rejoin(session, session.joinedGroups());
    }

    /** After service negotiation, the user's AutoJoin groups are joined (OMA-TS-IMPS_CSP-V1_3 §7.1). */
    @Override
    public Future<Void> servicesAgreed(SessionContext session) {
        if (!session.agreedFunctions().contains("GRCHN")) {
            return Future.succeededFuture();
        }
        return autoJoin.get(session.userId()).compose(keys -> keys == null
                ? Future.succeededFuture() : rejoin(session, keys));
    }

    private Future<Void> rejoin(SessionContext session, Set<String> keys) {
        Future<Void> chain = Future.succeededFuture();
        for (String key : keys) {
            chain = chain.compose(v -> joinAs(session, key, session.userId(), false).<Void>mapEmpty().recover(err -> {
                if (err instanceof CspException e && e.status() == StatusCode.GROUP_ALREADY_JOINED) {
                    return Future.succeededFuture();
                }
                // The group is gone or refuses the user now: it is no longer one of the session's groups.
                Set<String> remaining = new LinkedHashSet<>(session.joinedGroups());
                remaining.remove(key);
                session.joinedGroups(remaining);
                return Future.succeededFuture();
            }));
        }
        return chain;
    }

    private static Future<Void> add(SharedMap<HashSet<String>> index, String key, String value) {
        return index.compute(key, slot -> {
            HashSet<String> set = slot.get() == null ? new HashSet<>() : slot.get();
            set.add(value);
            slot.set(set);
            return null;
        });
    }
}
