package imps.service.presence;

import imps.auth.UserDirectory;
import imps.protocol.CspException;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.service.Addresses;
import imps.service.presence.AuthDecision.State;
import imps.session.ServiceModule;
import imps.session.SessionContext;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presence authorization primitives (docs/services.md §4): PresenceAuth-User and CancelAuth-Request
 * (1.1/1.2), GetReactiveAuthStatus (1.2) and GetWatcherList (1.1–1.3). The questions themselves
 * (PresenceAuth-Request) are put by {@link PresenceAuthorization} when someone subscribes or asks.
 */
public final class PresenceAuthService implements ServiceModule {
    private final PresenceAuthorization authorization;
    private final PresenceNotifier notifier;
    private final WatcherIndex watchers;
    private final Addresses addresses;
    private final UserDirectory users;

    PresenceAuthService(PresenceAuthorization authorization, PresenceNotifier notifier, WatcherIndex watchers,
                        Addresses addresses, UserDirectory users) {
        this.authorization = authorization;
        this.notifier = notifier;
        this.watchers = watchers;
        this.addresses = addresses;
        this.users = users;
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.PRESENCE_AUTH_USER, this::answer),
                InbandTransaction.of(PrimitiveType.CANCEL_AUTH, this::cancel),
                InbandTransaction.of(PrimitiveType.GET_REACTIVE_AUTH_STATUS, this::reactiveAuthStatus),
                InbandTransaction.of(PrimitiveType.GET_WATCHER_LIST, this::watcherList));
    }

    /**
     * PresenceAuth-User: the user's answer to a PresenceAuth-Request, or a decision taken before anyone
     * asked. Acceptance T grants the attributes of the PresenceSubList (1.2; all of them without one)
     * and starts the watcher's waiting subscriptions with the current presence; F refuses the watcher.
     */
    private Future<Element> answer(TransactionContext tx) {
        Element req = tx.request();
        return knownUser(req).compose(watcher -> answer(tx, watcher));
    }

    private Future<Element> answer(TransactionContext tx, String watcher) {
        Element req = tx.request();
        String acceptance = req.childText("Acceptance");
        boolean accept = "T".equalsIgnoreCase(acceptance);
        if (!accept && !"F".equalsIgnoreCase(acceptance)) {
            throw new MalformedPrimitive("PresenceAuth-User needs Acceptance T or F");
        }
        String user = tx.session().userId();
        if (!accept) {
            return authorization.deny(user, watcher).map(v -> StatusRules.ok());
        }
        List<String> granted = PresenceDocument.named(req.child("PresenceSubList"));
        return authorization.grant(user, watcher, granted)
                .compose(changed -> changed ? notifier.admitted(user, watcher) : Future.succeededFuture())
                .map(v -> StatusRules.ok());
    }

    /** CancelAuth-Request withdraws what was granted: the watcher's subscriptions deliver nothing more. */
    private Future<Element> cancel(TransactionContext tx) {
        return knownUser(tx.request())
                .compose(watcher -> authorization.deny(tx.session().userId(), watcher).map(v -> StatusRules.ok()));
    }

    /**
     * GetReactiveAuthStatus (1.2): the user's decisions, for the users named in the request (UserID,
     * directly or inside UserIDList) or for everyone. The content model is not in our sources; the
     * layout is the minimal one built from the 1.2 tokens (docs/conformance.md, "Element names chosen…").
     */
    private Future<Element> reactiveAuthStatus(TransactionContext tx) {
        Element req = tx.request();
        Set<String> named = new LinkedHashSet<>();
        List<String> raw = new ArrayList<>(req.childTexts("UserID"));
        if (req.child("UserIDList") != null) {
            raw.addAll(req.child("UserIDList").childTexts("UserID"));
        }
        raw.forEach(r -> named.add(addresses.user(r)));
        return authorization.policy(tx.session().userId()).map(policy -> {
            List<Element> statuses = new ArrayList<>();
            policy.decisions().forEach((watcher, d) -> {
                if (named.isEmpty() || named.contains(watcher)) {
                    statuses.add(Element.builder("ReactiveAuthStatus")
                            .leaf("UserID", addresses.wireUser(watcher))
                            .leaf("ReactiveAuthState", d.state().name())
                            .add(d.state() == State.DENIED ? null : PresenceDocument.naming(d.attributes()))
                            .build());
                }
            });
            return Element.builder("GetReactiveAuthStatus-Response")
                    .add(Result.ok().toElement())
                    .add(statuses.isEmpty() ? null : Element.of("ReactiveAuthStatusList", statuses))
                    .build();
        });
    }

    /**
     * GetWatcherList: the users whose sessions are subscribed to the caller and may see something of
     * the caller's presence, at most MaxWatcherList of them. No history is kept, so HistoryPeriod is
     * not answered and every watcher listed is a current one.
     */
    private Future<Element> watcherList(TransactionContext tx) {
        int max = maxWatchers(tx.request());
        String user = tx.session().userId();
        CspVersion version = tx.session().version();
        Future<Map<String, String>> sessions = watchers.sessions(user);
        Future<AuthPolicy> policy = authorization.policy(user);
        return Future.all(sessions, policy).map(all -> {
            Set<String> watching = new LinkedHashSet<>(sessions.result().values());
            List<Element> listed = watching.stream()
                    .filter(w -> !w.equals(user) && !policy.result().visible(w).isEmpty())
                    .limit(max)
                    .map(w -> watcher(version, addresses.wireUser(w)))
                    .toList();
            return Element.of("GetWatcherList-Response", listed);
        });
    }

    /** 1.1 has no Watcher element: its list is UserID leaves (the gateway's choice); 1.2 and 1.3 use Watcher = User. */
    private static Element watcher(CspVersion version, String wireUser) {
        if (version == CspVersion.V1_1) {
            return Element.leaf("UserID", wireUser);
        }
        return Element.of("Watcher", Element.of("User", Element.leaf("UserID", wireUser)));
    }

    private static int maxWatchers(Element req) {
        String max = req.childText("MaxWatcherList");
        if (max == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(max.trim());
            if (n < 0) {
                throw new MalformedPrimitive("MaxWatcherList must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedPrimitive("MaxWatcherList is not a number");
        }
    }

    /** The request's UserID as a user of this server: 400 without one, 531 when nobody has it. */
    private Future<String> knownUser(Element req) {
        String raw = req.childText("UserID");
        if (raw == null) {
            throw new MalformedPrimitive(req.name() + " without UserID");
        }
        String user = addresses.user(raw);
        if (user == null) {
            throw new CspException(StatusCode.UNKNOWN_USER, "Unknown user " + raw);
        }
        return users.find(user).map(account -> {
            if (account == null) {
                throw new CspException(StatusCode.UNKNOWN_USER, "Unknown user " + raw);
            }
            return user;
        });
    }

    /**
     * A session that agreed REACT gets the questions its user has left open, so a watcher's wait does
     * not depend on the session that was asked first (that one may have ended unanswered).
     */
    @Override
    public Future<Void> servicesAgreed(SessionContext session) {
        if (!session.agreedFunctions().contains(PresenceAuthorization.REACT)) {
            return Future.succeededFuture();
        }
        return authorization.askAgain(session.userId(), session.sessionId());
    }
}
