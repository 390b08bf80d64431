package imps.service.presence;

import imps.protocol.Element;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.service.contacts.ContactListService;
import imps.service.presence.AuthDecision.State;
import imps.session.Delivery;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may see a user's presence: reactive authorization (docs/services.md §4, CSP 1.1/1.2). Decisions are
 * kept per watched user in the cluster ({@link AuthPolicy}). A watcher the user has not decided about
 * is let in at once when it is in one of the user's contact lists (the user put it there), or when no
 * live session of the user agreed REACT (nobody could answer, so presence stays as open as it is for
 * clients without reactive authorization). Otherwise each live session of the user that agreed REACT
 * gets a PresenceAuth-Request, and the watcher waits for the user's PresenceAuth-User.
 */
final class PresenceAuthorization {
    /** The function leaf of reactive authorization (docs/services.md §1). */
    static final String REACT = "REACT";

    private final SharedMap<AuthPolicy> policies;
    private final ContactListService lists;
    private final Delivery delivery;
    private final Addresses addresses;

    PresenceAuthorization(SharedMap<AuthPolicy> policies, ContactListService lists, Delivery delivery, Addresses addresses) {
        this.policies = policies;
        this.lists = lists;
        this.delivery = delivery;
        this.addresses = addresses;
    }

    /** What a watcher gets of a user's presence now. */
    enum Outcome {
        SEE, WAIT, REFUSED
    }

    /** The outcome and, for {@link Outcome#SEE}, the attributes the watcher may see. */
    record Admission(Outcome outcome, List<String> attributes) {
        static Admission see(List<String> attributes) {
            return new Admission(Outcome.SEE, attributes);
        }

        static Admission waiting() {
            return new Admission(Outcome.WAIT, List.of());
        }

        static Admission of(AuthDecision d) {
            return switch (d.state()) {
                case GRANTED -> see(d.attributes());
                case PENDING -> waiting();
                case DENIED -> new Admission(Outcome.REFUSED, List.of());
            };
        }
    }

    /** The user's decisions; empty when there are none. */
    Future<AuthPolicy> policy(String user) {
        return policies.get(user).map(p -> p == null ? new AuthPolicy() : p);
    }

    /**
     * Admits {@code watcher} to {@code watched}'s presence for a subscription or a GetPresence asking
     * for {@code asked}. An undecided watcher outside the user's contact lists makes the user be asked.
     */
    Future<Admission> admit(String watched, String watcher, List<String> asked) {
        if (watched.equals(watcher)) {
            return Future.succeededFuture(Admission.see(PresenceDocument.ATTRIBUTES));
        }
        return policy(watched).compose(p -> {
            AuthDecision d = p.decision(watcher);
            if (d != null && d.state() != State.PENDING) {
                return Future.succeededFuture(Admission.of(d));
            }
            Future<Boolean> contact = d == null ? lists.isContact(watched, watcher) : Future.succeededFuture(false);
            return contact.compose(isContact -> isContact
                    ? Future.succeededFuture(Admission.see(PresenceDocument.ATTRIBUTES))
                    : ask(watched, watcher, asked));
        });
    }

    private Future<Admission> ask(String watched, String watcher, List<String> asked) {
        ArrayList<String> attributes = new ArrayList<>(asked);
        return policies.compute(watched, slot -> {
            AuthPolicy p = slot.get() == null ? new AuthPolicy() : slot.get();
            AuthDecision before = p.ask(watcher, attributes);
            slot.set(p);
            return before;
        }).compose(before -> {
            if (before != null) {
                return Future.succeededFuture(Admission.of(before));
            }
            return putToUser(watched, watcher, asked).compose(reached -> reached
                    ? Future.succeededFuture(Admission.waiting())
                    : unask(watched, watcher).map(v -> Admission.see(PresenceDocument.ATTRIBUTES)));
        });
    }

    /** Queues the question to every live session of the user that agreed REACT; true when one took it. */
    private Future<Boolean> putToUser(String watched, String watcher, List<String> asked) {
        Element request = request(watcher, asked);
        return delivery.liveSessions(watched).compose(sessions -> {
            List<Future<Boolean>> sent = sessions.stream()
                    .map(sid -> delivery.toSession(sid, request, true, REACT, null).map(v -> true).otherwise(false))
                    .toList();
            return Future.all(sent).map(all -> sent.stream().anyMatch(Future::result));
        });
    }

    private Future<Void> unask(String watched, String watcher) {
        return policies.compute(watched, slot -> {
            AuthPolicy p = slot.get();
            if (p != null) {
                p.unask(watcher);
                slot.set(p);
            }
            return null;
        });
    }

    /** Puts every question the user has not answered yet to one of the user's sessions that agreed REACT. */
    Future<Void> askAgain(String user, String sessionId) {
        return policy(user).compose(p -> {
            List<Future<Void>> sends = new ArrayList<>();
            p.pending().forEach((watcher, asked) ->
                    sends.add(delivery.toSession(sessionId, request(watcher, asked), true, REACT, null)));
            return Future.join(sends).<Void>mapEmpty().otherwiseEmpty();
        });
    }

    /** The user grants {@code attributes} to the watcher; true when that changes what the watcher sees. */
    Future<Boolean> grant(String user, String watcher, List<String> attributes) {
        ArrayList<String> granted = new ArrayList<>(attributes);
        return policies.compute(user, slot -> {
            AuthPolicy p = slot.get() == null ? new AuthPolicy() : slot.get();
            boolean changed = p.grant(watcher, granted);
            slot.set(p);
            return changed;
        });
    }

    /** The user rejects the watcher, or withdraws an earlier grant (CancelAuth-Request). */
    Future<Void> deny(String user, String watcher) {
        return policies.compute(user, slot -> {
            AuthPolicy p = slot.get() == null ? new AuthPolicy() : slot.get();
            p.deny(watcher);
            slot.set(p);
            return null;
        });
    }

    /** PresenceAuth-Request (docs/services.md §4): the watcher, and the attributes it asked for unless all. */
    private Element request(String watcher, List<String> asked) {
        return Element.builder("PresenceAuth-Request")
                .leaf("UserID", addresses.wireUser(watcher))
                .add(PresenceDocument.naming(asked))
                .build();
    }
}
