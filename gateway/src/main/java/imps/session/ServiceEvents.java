package imps.session;

import imps.protocol.Element;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/** Passes each session event to every service, one after the other. */
final class ServiceEvents implements SessionEvents {
    private final List<? extends SessionEvents> services;

    ServiceEvents(List<? extends SessionEvents> services) {
        this.services = List.copyOf(services);
    }

    private Future<Void> each(Function<SessionEvents, Future<Void>> call) {
        Future<Void> chain = Future.succeededFuture();
        for (SessionEvents s : services) {
            chain = chain.compose(v -> call.apply(s));
        }
        return chain;
    }

    @Override
    public Future<Void> servicesAgreed(SessionContext session) {
        return each(s -> s.servicesAgreed(session));
    }

    @Override
    public Future<Void> ended(SessionContext session, EndCause cause) {
        return each(s -> s.ended(session, cause));
    }

    @Override
    public Future<Void> recovered(SessionContext session) {
        return each(s -> s.recovered(session));
    }

    @Override
    public Future<Void> clientResponse(SessionContext session, Element response, String tag) {
        return each(s -> s.clientResponse(session, response, tag));
    }
}
