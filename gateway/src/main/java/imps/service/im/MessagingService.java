package imps.service.im;

import imps.auth.UserDirectory;
import imps.config.GatewayConfig;
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
import imps.service.blocking.BlockingService;
import imps.service.groups.GroupService;
import imps.session.Delivery;
import imps.protocol.SecureIds;
import imps.session.ServiceModule;
import imps.session.SessionContext;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import io.vertx.core.Future;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Instant messaging (docs/services.md §6). SendMessage reaches every live session of each recipient
 * that agreed NEWM, as a NewMessage answered by MessageDelivered; a recipient with no such session
 * gets the message kept (bounded in number and age) and delivered when a session of theirs agrees
 * NEWM, or fetched with GetMessageList / GetMessage, or refused with RejectMessage. A sender who
 * asked for a DeliveryReport gets DeliveryReport-Request once the recipient confirmed.
 */
public final class MessagingService implements ServiceModule {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SharedMap<StoredMessages> offline;
    private final SharedMap<PendingReport> reports;
    private final BlockingService blocking;
    private final GroupService groups;
    private final Addresses addresses;
    private final UserDirectory users;
    private final Delivery delivery;
    private final GatewayConfig.Services limits;
    private final LongSupplier clockMillis;

    /** A delivery report owed to a sender once the recipient confirms. */
    public record PendingReport(String sender, Element messageInfo) implements Serializable {
    }

    public MessagingService(SharedMap<StoredMessages> offline, SharedMap<PendingReport> reports, BlockingService blocking,
                            GroupService groups, Addresses addresses, UserDirectory users, Delivery delivery,
                            GatewayConfig.Services limits, LongSupplier clockMillis) {
        this.groups = groups;
        this.offline = offline;
        this.reports = reports;
        this.blocking = blocking;
        this.addresses = addresses;
        this.users = users;
        this.delivery = delivery;
        this.limits = limits;
        this.clockMillis = clockMillis;
    }

    @Override
    public List<InbandTransaction> transactions() {
        return List.of(
                InbandTransaction.of(PrimitiveType.SEND_MESSAGE, this::send),
                InbandTransaction.of(PrimitiveType.GET_MESSAGE_LIST, this::getMessageList),
                InbandTransaction.of(PrimitiveType.GET_MESSAGE, this::getMessage),
                InbandTransaction.of(PrimitiveType.REJECT_MESSAGE, this::reject),
                InbandTransaction.of(PrimitiveType.MESSAGE_DELIVERED, this::delivered));
    }

    /** NEWM: the NewMessage push has no request primitive of its own. */
    @Override
    public List<String> pushLeaves() {
        return List.of("NEWM");
    }

    private Future<Element> send(TransactionContext tx) {
        Element info = tx.request().child("MessageInfo");
        Element recipient = info == null ? null : info.child("Recipient");
        List<String> named = recipient == null ? List.of()
                : recipient.children("User").stream().map(u -> addresses.user(u.childText("UserID"))).toList();
        return users.existing(named).compose(known -> send(tx, known));
    }

    /** {@code known}: which of the User recipients are users of this server. */
    private Future<Element> send(TransactionContext tx, Set<String> known) {
        Element req = tx.request();
        Element info = req.child("MessageInfo");
        if (info == null || info.child("Recipient") == null) {
            throw new MalformedPrimitive("SendMessage-Request without MessageInfo/Recipient");
        }
        String content = req.childText("ContentData");
        if (content != null && content.getBytes(StandardCharsets.UTF_8).length > limits.maxMessageBytes()) {
            throw new CspException(StatusCode.BAD_PARAMETER, "Message larger than " + limits.maxMessageBytes() + " bytes");
        }
        String sender = tx.session().userId();
        String messageId = SecureIds.next();
        List<DetailedResult> failures = new ArrayList<>();
        Set<String> recipients = new LinkedHashSet<>();
        Element recipient = info.child("Recipient");
        for (Element u : recipient.children("User")) {
            String raw = u.childText("UserID");
            String key = addresses.user(raw);
            if (key == null || !known.contains(key)) {
                failures.add(DetailedResult.forUser(StatusCode.UNKNOWN_USER, raw));
            } else {
                recipients.add(key);
            }
        }
        List<String> groupIds = new ArrayList<>();
        List<String> screenNames = new ArrayList<>();
        for (Element g : recipient.children("Group")) {
            Element sn = g.child("ScreenName");
            String gid = g.childText("GroupID") != null ? g.childText("GroupID") : sn == null ? null : sn.childText("GroupID");
            if (gid == null) {
                throw new MalformedPrimitive("Group recipient without GroupID");
            }
            groupIds.add(gid);
            // A ScreenName recipient is a private message to that member only (docs/services.md §6).
            screenNames.add(sn == null ? null : sn.childText("SName"));
        }
        if (recipients.isEmpty() && failures.isEmpty() && groupIds.isEmpty()) {
            throw new MalformedPrimitive("SendMessage-Request names no recipient");
        }
        String contentType = info.childText("ContentType") == null ? "text/plain" : info.childText("ContentType");
        boolean report = "T".equalsIgnoreCase(req.childText("DeliveryReport"));
        // The report owed is kept before any copy goes out, so a recipient's confirmation always finds
        // it; each copy carries the message's ID as its tag only then, so a confirmation of a message
        // that asked for no report costs nothing.
        String reportTag = report ? messageId : null;
        Future<Void> remembered = Future.succeededFuture();
        if (report) {
            PendingReport pending = new PendingReport(sender,
                    newMessage(messageId, info, contentType, null, null, sender).child("MessageInfo"));
            remembered = reports.compute(messageId, slot -> {
                slot.set(pending);
                return null;
            });
        }
        List<String> order = new ArrayList<>(recipients);
        return remembered.compose(x -> {
            List<Future<StatusCode>> outcomes = new ArrayList<>();
            for (String to : order) {
                Element newMessage = newMessage(messageId, info, contentType, content, to, sender);
                outcomes.add(blocking.admits(to, sender).compose(admitted -> admitted
                        ? toUser(to, messageId, newMessage, reportTag)
                        : Future.succeededFuture(StatusCode.RECIPIENT_BLOCKED_SENDER)));
            }
            for (int i = 0; i < groupIds.size(); i++) {
                outcomes.add(toGroup(groupIds.get(i), screenNames.get(i), tx.session(), messageId, info, contentType,
                        content, reportTag));
            }
            return Future.all(outcomes);
        }).compose(all -> {
            int delivered = 0;
            for (int i = 0; i < groupIds.size(); i++) {
                StatusCode code = all.resultAt(order.size() + i);
                if (code == StatusCode.OK) {
                    delivered++;
                } else {
                    failures.add(new DetailedResult(code, code.description(), List.of(Element.leaf("GroupID", groupIds.get(i)))));
                }
            }
            for (int i = 0; i < order.size(); i++) {
                StatusCode code = all.resultAt(i);
                if (code == StatusCode.OK) {
                    delivered++;
                } else {
                    failures.add(DetailedResult.forUser(code, addresses.wireUser(order.get(i))));
                }
            }
            Result result = Result.fromParts(delivered, failures);
            boolean anyDelivered = delivered > 0;
            Future<Void> forgotten = report && !anyDelivered ? reports.compute(messageId, slot -> {
                slot.set(null);
                return null;
            }) : Future.succeededFuture();
            return forgotten.map(v -> Element.builder("SendMessage-Response")
                    .add(result.toElement())
                    .leaf("MessageID", anyDelivered ? messageId : null)
                    .build());
        });
    }

    /** A message to a group goes to every other session that joined it, from the sender's screen name. */
    private Future<StatusCode> toGroup(String groupId, String toScreenName, SessionContext sender, String messageId,
                                       Element info, String contentType, String content, String reportTag) {
        return groups.screenNameIn(groupId, sender.sessionId()).compose(screenName -> {
            Element base = newMessage(messageId, info, contentType, content, null, sender.userId());
            Element messageInfo = base.child("MessageInfo");
            Element.Builder mi = Element.builder("MessageInfo");
            for (Element c : messageInfo.children()) {
                if (c.name().equals("Recipient")) {
                    mi.add(Element.of("Recipient", Element.of("Group", Element.leaf("GroupID", groupId))));
                } else if (c.name().equals("Sender") && screenName != null) {
                    mi.add(Element.of("Sender", Element.of("Group", Element.builder("ScreenName")
                            .leaf("SName", screenName).leaf("GroupID", groupId).build())));
                } else {
                    mi.add(c);
                }
            }
            Element newMessage = Element.builder("NewMessage").add(mi.build()).leaf("ContentData", content).build();
            return groups.deliverMessage(groupId, sender, newMessage, toScreenName, reportTag).map(n -> StatusCode.OK);
        }).recover(err -> err instanceof CspException e
                ? Future.succeededFuture(e.status()) : Future.failedFuture(err));
    }

    /**
     * Pushes to every session of the user that agreed NEWM; keeps the message when the user has no
     * such session. When one has, but its queue is full and no other session took the message, the
     * send is refused with 507 (Message queue full): kept, it would wait for a next login that a client
     * staying logged in never makes, so the sender would be told 200 for a message never shown.
     * The sessions come from a list that may be a moment old (a login on another node not yet seen):
     * before the message is kept for lack of a session, the list is read again as it is now.
     */
    private Future<StatusCode> toUser(String user, String messageId, Element newMessage, String reportTag) {
        return delivery.liveSessions(user).compose(known -> push(known, List.of(), newMessage, reportTag)
                        .compose(outcome -> outcome != null ? Future.succeededFuture(outcome)
                                : delivery.currentLiveSessions(user).compose(now -> push(now, known, newMessage, reportTag))))
                .compose(outcome -> outcome != null ? Future.succeededFuture(outcome) : keep(user, messageId, newMessage));
    }

    /**
     * Queues the message to {@code sessions} except those in {@code skip}: OK when one took it, 507 when
     * none did because a queue was full, null when none took it otherwise (or there was none).
     */
    private Future<StatusCode> push(List<String> sessions, List<String> skip, Element newMessage, String reportTag) {
        List<Future<Void>> pushes = new ArrayList<>();
        sessions.stream().filter(sid -> !skip.contains(sid))
                .forEach(sid -> pushes.add(delivery.toSession(sid, newMessage, true, "NEWM", reportTag)));
        return Future.join(pushes).transform(ar -> {
            if (pushes.stream().anyMatch(Future::succeeded)) {
                return Future.succeededFuture(StatusCode.OK);
            }
            boolean queueFull = pushes.stream().anyMatch(p -> p.cause() instanceof CspException e
                    && e.status() == StatusCode.MESSAGE_QUEUE_FULL);
            return Future.succeededFuture(queueFull ? StatusCode.MESSAGE_QUEUE_FULL : null);
        });
    }

    private Future<StatusCode> keep(String user, String messageId, Element newMessage) {
        long now = clockMillis.getAsLong();
        long maxAge = limits.offlineMessageTtlSeconds() * 1000L;
        int max = limits.maxOfflineMessages();
        return offline.compute(user, slot -> {
            StoredMessages stored = slot.get() == null ? new StoredMessages() : slot.get();
            stored.prune(now, maxAge);
            if (stored.messages.size() >= max) {
                return StatusCode.MESSAGE_QUEUE_FULL;
            }
            stored.messages.add(new StoredMessages.Stored(messageId, newMessage, now));
            slot.set(stored);
            return StatusCode.OK;
        });
    }

    /** Messages kept while the user had no session that could take them are pushed to this one. */
    @Override
    public Future<Void> servicesAgreed(SessionContext session) {
        if (!session.agreedFunctions().contains("NEWM")) {
            return Future.succeededFuture();
        }
        long now = clockMillis.getAsLong();
        long maxAge = limits.offlineMessageTtlSeconds() * 1000L;
        return offline.compute(session.userId(), slot -> {
            StoredMessages stored = slot.get();
            if (stored == null) {
                return new ArrayList<StoredMessages.Stored>();
            }
            stored.prune(now, maxAge);
            ArrayList<StoredMessages.Stored> taken = new ArrayList<>(stored.messages);
            slot.set(null);
            return taken;
        }).compose(taken -> {
            Future<Void> chain = Future.succeededFuture();
            for (StoredMessages.Stored m : taken) {
                // Whether the kept message owes a report is not remembered with it: its confirmation looks.
                chain = chain.compose(v -> delivery.toSession(session.sessionId(), m.newMessage(), true, "NEWM",
                        m.messageId()));
            }
            return chain;
        });
    }

    /** A recovered session that agreed NEWM gets what was kept meanwhile, as after a negotiation. */
    @Override
    public Future<Void> recovered(SessionContext session) {
        return session.servicesNegotiated() ? servicesAgreed(session) : Future.succeededFuture();
    }

    private Future<Element> getMessageList(TransactionContext tx) {
        long now = clockMillis.getAsLong();
        long maxAge = limits.offlineMessageTtlSeconds() * 1000L;
        return offline.get(tx.session().userId()).map(stored -> {
            Element.Builder b = Element.builder("GetMessageList-Response");
            if (stored != null) {
                stored.prune(now, maxAge);
                stored.messages().forEach(m -> b.add(m.newMessage().child("MessageInfo")));
            }
            return b.build();
        });
    }

    private Future<Element> getMessage(TransactionContext tx) {
        String messageId = tx.request().childText("MessageID");
        if (messageId == null) {
            throw new MalformedPrimitive("GetMessage-Request without MessageID");
        }
        return take(tx.session().userId(), messageId).compose(m -> m == null
                ? Future.failedFuture(new CspException(StatusCode.INVALID_MESSAGE_ID))
                : Future.succeededFuture(Element.builder("GetMessage-Response")
                        .add(m.newMessage().child("MessageInfo"))
                        .add(m.newMessage().child("ContentData"))
                        .build()));
    }

    private Future<Element> reject(TransactionContext tx) {
        List<String> ids = tx.request().childTexts("MessageID");
        if (ids.isEmpty()) {
            throw new MalformedPrimitive("RejectMessage-Request without MessageID");
        }
        List<Future<StoredMessages.Stored>> removals = new ArrayList<>();
        ids.forEach(id -> removals.add(take(tx.session().userId(), id)));
        return Future.all(removals).map(all -> {
            List<DetailedResult> failures = new ArrayList<>();
            int removed = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (all.resultAt(i) == null) {
                    failures.add(new DetailedResult(StatusCode.INVALID_MESSAGE_ID, StatusCode.INVALID_MESSAGE_ID.description(),
                            List.of(Element.leaf("MessageID", ids.get(i)))));
                } else {
                    removed++;
                }
            }
            return StatusRules.status(Result.fromParts(removed, failures));
        });
    }

    /** MessageDelivered sent as a request, after GetMessage: answered with Status, reported to the sender. */
    private Future<Element> delivered(TransactionContext tx) {
        return report(tx.request().childText("MessageID")).map(v -> StatusRules.ok());
    }

    /**
     * MessageDelivered answering a NewMessage that owes a delivery report (its tag is the message's
     * ID): the sender gets the report it asked for.
     */
    @Override
    public Future<Void> clientResponse(SessionContext session, Element response, String tag) {
        if (tag == null || !"MessageDelivered".equals(response.name())) {
            return Future.succeededFuture();
        }
        return report(tag);
    }

    private Future<Void> report(String messageId) {
        if (messageId == null) {
            return Future.succeededFuture();
        }
        String deliveredAt = DATE_TIME.format(Instant.ofEpochMilli(clockMillis.getAsLong()));
        return reports.compute(messageId, slot -> {
            PendingReport r = slot.get();
            slot.set(null);
            return r;
        }).compose(r -> {
            if (r == null) {
                return Future.succeededFuture();
            }
            return delivery.liveSessions(r.sender()).compose(sessions -> {
                List<Future<Void>> sends = new ArrayList<>();
                for (String sid : sessions) {
                    Element report = Element.builder("DeliveryReport-Request")
                            .add(Result.ok().toElement())
                            .leaf("DeliveryTime", deliveredAt)
                            .add(r.messageInfo())
                            .build();
                    sends.add(delivery.toSession(sid, report, true, null, null));
                }
                return Future.join(sends).mapEmpty();
            });
        });
    }

    private Future<StoredMessages.Stored> take(String user, String messageId) {
        return offline.compute(user, slot -> {
            StoredMessages stored = slot.get();
            if (stored == null) {
                return null;
            }
            StoredMessages.Stored m = stored.remove(messageId);
            slot.set(stored.messages.isEmpty() ? null : stored);
            return m;
        });
    }

    private Element newMessage(String messageId, Element info, String contentType, String content, String to, String from) {
        Element.Builder recipient = Element.builder("Recipient");
        if (to != null) {
            recipient.add(Element.of("User", Element.leaf("UserID", addresses.wireUser(to))));
        }
        Element messageInfo = Element.builder("MessageInfo")
                .leaf("MessageID", messageId)
                .leaf("ContentType", contentType)
                .leaf("ContentEncoding", info.childText("ContentEncoding"))
                .leaf("ContentSize", content == null ? info.childText("ContentSize") : String.valueOf(content.length()))
                .add(recipient.build())
                .add(Element.of("Sender", Element.of("User", Element.leaf("UserID", addresses.wireUser(from)))))
                .leaf("DateTime", DATE_TIME.format(Instant.ofEpochMilli(clockMillis.getAsLong())))
                .leaf("Validity", info.childText("Validity"))
                .build();
        return Element.builder("NewMessage").add(messageInfo).leaf("ContentData", content).build();
    }
}
