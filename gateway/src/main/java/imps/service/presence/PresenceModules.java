package imps.service.presence;

import imps.auth.UserDirectory;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.service.SharedState;
import imps.service.contacts.ContactListService;
import imps.session.Delivery;

/**
 * The two presence services, built over one set of shared maps: presence itself (publish, get,
 * subscribe) and its authorization primitives. They share the watcher index, the users' authorization
 * policies and the notifier that applies those policies.
 */
public record PresenceModules(PresenceService presence, PresenceAuthService authorization) {

    public static PresenceModules create(SharedState shared, ContactListService lists, Addresses addresses,
                                         UserDirectory users, Delivery delivery) {
        SharedMap<PresenceDocument> documents = shared.map("presence");
        WatcherIndex watchers = new WatcherIndex(shared.map("presence-watcher-sessions"));
        PresenceAuthorization auth = new PresenceAuthorization(shared.map("presence-auth"), lists, delivery, addresses);
        PresenceNotifier notifier = new PresenceNotifier(documents, watchers, auth, delivery, addresses);
        PresenceService presence = new PresenceService(documents, watchers, shared.map("presence-list-followers"),
                auth, notifier, lists, addresses, users);
        return new PresenceModules(presence, new PresenceAuthService(auth, notifier, watchers, addresses, users));
    }
}
