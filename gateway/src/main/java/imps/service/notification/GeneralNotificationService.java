package imps.service.notification;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.StatusRules;
import imps.session.ServiceModule;
import imps.session.SessionContext;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CSP 1.3 general-notification subscriptions (OMA-TS-IMPS_CSP-V1_3, General notification transactions): the
 * notification types a session subscribed are part of its context (OMA-TS-IMPS_CSP-V1_3 §5.3) and survive recovery.
 * The request names them in {@code NotificationTypeList/NotificationType}; an empty list subscribes to, or
 * unsubscribes from, every type (OMA-TS-IMPS_CSP-V1_3 §5.1.3 recommends subscribing to all). Both requests exist from
 * CSP 1.3 on; in older sessions they are refused before they get here.
 */
public final class GeneralNotificationService implements ServiceModule {
    /** Stands for "every type" in the context. */
    static final String ALL = "*";

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.SUBSCRIBE_NOTIFICATION, tx -> change(tx, true)),
                InbandTransaction.of(PrimitiveType.UNSUBSCRIBE_NOTIFICATION, tx -> change(tx, false)));
    }

    private Future<Element> change(TransactionContext tx, boolean subscribe) {
        SessionContext session = tx.session();
        Element list = tx.request().child("NotificationTypeList");
        List<String> types = list == null ? List.of() : list.childTexts("NotificationType");
        Set<String> current = new LinkedHashSet<>(session.notificationSubscriptions());
        if (types.isEmpty()) {
            current.clear();
            if (subscribe) {
                current.add(ALL);
            }
        } else if (subscribe) {
            current.addAll(types);
        } else {
            current.removeAll(types);
        }
        session.notificationSubscriptions(current);
        return Future.succeededFuture(StatusRules.ok());
    }
}
