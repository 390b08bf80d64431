package imps.transport.sms.smpp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ESME's transceiver bind to the SMSC (SMPP 3.4 §4.1.5). Binding runs in the background: a
 * failed bind, an unbind from the SMSC or a dropped socket leads to another attempt after an
 * exponentially growing pause. While bound, jSMPP sends enquire_link whenever the link has been
 * quiet for the configured interval (SMPP 3.4 §4.11) and closes the session when it goes unanswered.
 * Everything but {@link #session()} and {@link #connected()} runs on the link's Vert.x context;
 * jSMPP's blocking calls run on a worker thread of the link's own.
 */
final class SmppLink {
    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What the link tells its owner, on the link's context. */
    interface Listener {
        void bound();

        void lost();
    }

    private final Vertx vertx;
    private final Context context;
    private final SmppOptions options;
    private final MessageReceiverListener receiver;
    private final Listener listener;
    private final ReconnectBackoff backoff;
    private final WorkerExecutor worker;
    private final BindParameter bind;
    private volatile SMPPSession session;
    private volatile boolean closed;
    private Future<SMPPSession> connecting;
    private long reconnectTimer = -1;

    SmppLink(Vertx vertx, Context context, SmppOptions options, ReconnectBackoff backoff,
             MessageReceiverListener receiver, Listener listener) {
        this.vertx = vertx;
        this.context = context;
        this.options = options;
        this.receiver = receiver;
        this.listener = listener;
        this.backoff = backoff;
        this.worker = vertx.createSharedWorkerExecutor("smpp-link-" + INSTANCES.incrementAndGet(), 1);
        this.bind = new BindParameter(BindType.BIND_TRX, options.systemId(), options.password(), options.systemType(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
    }

    /** Starts binding; call on the link's context. */
    void open() {
        connect();
    }

    /** The bound session, or null while there is none. */
    SMPPSession session() {
        SMPPSession s = session;
        return s != null && s.getSessionState().isBound() ? s : null;
    }

    boolean connected() {
        return session() != null;
    }

    /** Stops reconnecting, unbinds and closes the session; call on the link's context. */
    Future<Void> close() {
        closed = true;
        vertx.cancelTimer(reconnectTimer);
        Future<?> settled = connecting == null ? Future.succeededFuture() : connecting.otherwiseEmpty();
        return settled.<Void>compose(v -> {
            SMPPSession s = session;
            session = null;
            if (s == null) {
                return Future.succeededFuture();
            }
            return worker.executeBlocking(() -> {
                s.unbindAndClose();
                return null;
            }, false);
        }).eventually(worker::close);
    }

    private void connect() {
        SMPPSession candidate = newSession();
        connecting = worker.executeBlocking(() -> {
            candidate.connectAndBind(options.host(), options.port(), bind, options.responseTimeoutMillis());
            return candidate;
        }, false).andThen(ar -> {
            if (ar.failed()) {
                if (!closed) {
                    long delay = backoff.nextDelayMillis();
                    log.warn("SMPP bind to {}:{} failed ({}), next attempt in {} ms", options.host(), options.port(),
                            ar.cause().getMessage(), delay);
                    reconnectTimer = vertx.setTimer(delay, id -> connect());
                }
                return;
            }
            session = candidate;
            if (closed) {
                return;
            }
            if (!candidate.getSessionState().isBound()) {
                lost(candidate);
                return;
            }
            backoff.reset();
            log.info("SMPP transceiver bound to {}:{} as {}", options.host(), options.port(), options.systemId());
            listener.bound();
        });
    }

    private SMPPSession newSession() {
        SMPPSession s = new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender()), new BoundedPduReader(),
                connections());
        s.setEnquireLinkTimer(options.enquireLinkSeconds() * 1000);
        s.setTransactionTimer(options.responseTimeoutMillis());
        s.setMessageReceiverListener(receiver);
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                context.runOnContext(v -> lost(s));
            }
        });
        return s;
    }

    /** Called for every unbind or close of any session; acts only on the current one, once. */
    private void lost(SMPPSession s) {
        if (s != session || closed) {
            return;
        }
        session = null;
        long delay = backoff.nextDelayMillis();
        log.warn("SMPP session to {}:{} lost, rebinding in {} ms", options.host(), options.port(), delay);
        listener.lost();
        reconnectTimer = vertx.setTimer(delay, id -> connect());
    }

    private ConnectionFactory connections() {
        return (host, port) -> new SocketConnection(socket(host, port, options.responseTimeoutMillis()));
    }

    /**
     * A plain socket, but with a connect timeout, so an unreachable SMSC does not hold the worker for
     * minutes, and without Nagle's algorithm: SMPP PDUs are small and come in bursts (a
     * deliver_sm_resp, then the answer's submit_sm), and Nagle would hold the submit_sm until the
     * SMSC acknowledged the response, which a delayed ACK puts off by 40 ms or more per message.
     */
    static Socket socket(String host, int port, int connectTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
