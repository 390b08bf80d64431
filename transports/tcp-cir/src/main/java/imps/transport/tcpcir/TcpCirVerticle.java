package imps.transport.tcpcir;

import imps.bus.CirCommand;
import imps.bus.EventBusAddresses;
import imps.limits.SourceConnections;
import imps.router.CirRequests;
import imps.protocol.SecureIds;
import imps.transport.base.ServerTls;
import io.vertx.core.Future;
import imps.transport.base.BearerReadiness;
import imps.transport.base.BearerVerticle;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.TimeUnit;

/**
 * The standalone TCP CIR channel (OMA-TS-IMPS_CSP_Transport, standalone TCP binding). A client connects and says {@code HELO <Session-ID>};
 * the session's owner accepts it and the gateway answers {@code OK}. {@code PING} (with or without a
 * trailing space) gets {@code OK}. When the session has something queued the owner sends
 * {@code WVCI <version> <cookie>} through this node. The gateway never sends anything else. Lines
 * end with CR LF and are handled in the order sent, also when several arrive together; an unknown or
 * ended session, a line before HELO that is not HELO, or an overlong line closes the connection. A new HELO for the same session elsewhere replaces this connection.
 * A connection whose first HELO is not accepted within {@code heloTimeoutSeconds} is closed, and a
 * client address holds at most {@code tcpCir.maxConnectionsPerSource} connections on this node (one
 * more is closed at once).
 */
public final class TcpCirVerticle extends BearerVerticle {
    private static final Buffer OK = Buffer.buffer("OK\r\n");
    private static final int MAX_IGNORED_LINES = 16;

    private final TcpCirOptions options;
    private final CirRequests cir;
    private final String nodeId;
    private final TcpCirChannels channels;
    private final SourceConnections perSource;
    private NetServer server;

    /**
     * @param perSource open connections per client address, shared by every instance of this listener
     * @param readiness where this instance reports that it listens (as bearer {@code tcp-cir})
     */
    public TcpCirVerticle(TcpCirOptions options, CirRequests cir, String nodeId, TcpCirChannels channels,
                          SourceConnections perSource, BearerReadiness readiness) {
        super(readiness, "tcp-cir");
        this.options = options;
        this.cir = cir;
        this.nodeId = nodeId;
        this.channels = channels;
        this.perSource = perSource;
    }

    @Override
    protected Future<?> open() {
        vertx.eventBus().<JsonObject>consumer(EventBusAddresses.cirOf(nodeId), msg -> {
            CirCommand command = CirCommand.fromJson(msg.body());
            NetSocket socket = channels.get(command.channelId());
            if (socket == null) {
                return;
            }
            if (command instanceof CirCommand.Wake wake) {
                socket.write(wake.line() + "\r\n");
            } else {
                socket.close();
            }
        });
        NetServerOptions plain = new NetServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setIdleTimeout(options.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpKeepAlive(true);
        return ServerTls.apply(vertx, "tcpCir", options.tls(), plain).compose(serverOptions -> {
            server = vertx.createNetServer(serverOptions).connectHandler(this::connected);
            return server.listen();
        }).onSuccess(s -> ServerTls.keepCurrent(vertx, "tcpCir", options.tls(), s::updateSSLOptions));
    }

    private void connected(NetSocket socket) {
        String source = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        if (!perSource.tryOpen(source)) {
            socket.close();
            return;
        }
        Connection connection = new Connection(socket, SecureIds.next());
        socket.handler(connection.lines);
        long heloDeadline = options.heloTimeoutSeconds() <= 0 ? -1 : vertx.setTimer(options.heloTimeoutSeconds() * 1000L, id -> {
            if (connection.sessionId == null) {
                socket.close();
            }
        });
        socket.closeHandler(v -> {
            if (heloDeadline >= 0) {
                vertx.cancelTimer(heloDeadline);
            }
            perSource.closed(source);
            connection.closed();
        });
    }

    /** One TCP CIR connection: unbound until a HELO is accepted, then bound to that session. */
    private final class Connection {
        private final NetSocket socket;
        private final CirLineReader lines;
        private final String channelId;
        private String sessionId;
        private int ignored;
        private boolean closed;

        Connection(NetSocket socket, String channelId) {
            this.socket = socket;
            this.lines = new CirLineReader(options.maxLineLength(), this::line, socket::close);
            this.channelId = channelId;
        }

        void line(CirLine line) {
            if (line instanceof CirLine.Helo helo) {
                helo(helo.sessionId());
            } else if (line instanceof CirLine.Ping && sessionId != null) {
                socket.write(OK);
            } else if (sessionId == null || ++ignored > MAX_IGNORED_LINES) {
                socket.close();
            }
        }

        private void helo(String requested) {
            // Lines the client wrote together with this HELO (TCP may merge its writes) wait until it is
            // checked, and then come in order.
            lines.pause();
            String previous = sessionId;
            cir.tcpHelo(requested, channelId).onComplete(ar -> {
                if (ar.failed()) {
                    socket.close();
                    return;
                }
                if (closed) {
                    // The peer left while its HELO was being checked: undo the binding it just got.
                    cir.tcpClosed(requested, channelId);
                    return;
                }
                if (previous != null && !previous.equals(requested)) {
                    cir.tcpClosed(previous, channelId);
                }
                sessionId = requested;
                channels.add(channelId, socket);
                socket.write(OK);
                if (ar.result() != null) {
                    socket.write(ar.result() + "\r\n");
                }
                lines.resume();
            });
        }

        void closed() {
            closed = true;
            channels.remove(channelId);
            if (sessionId != null) {
                cir.tcpClosed(sessionId, channelId);
            }
        }
    }
}
