package imps.transport.tcpcir;

import imps.bus.EventBusAddresses;
import imps.limits.SourceConnections;
import imps.router.CspRouter;
import imps.session.SecureIds;
import imps.tls.ServerTls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

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
public final class TcpCirVerticle extends VerticleBase {
    private static final Buffer OK = Buffer.buffer("OK\r\n");
    private static final int MAX_IGNORED_LINES = 16;

    private final TcpCirOptions options;
    private final CspRouter router;
    private final String nodeId;
    private final TcpCirChannels channels;
    private final SourceConnections perSource;
    private NetServer server;

    /** @param perSource open connections per client address, shared by every instance of this listener */
    public TcpCirVerticle(TcpCirOptions options, CspRouter router, String nodeId, TcpCirChannels channels,
                          SourceConnections perSource) {
        this.options = options;
        this.router = router;
        this.nodeId = nodeId;
        this.channels = channels;
        this.perSource = perSource;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<JsonObject>consumer(EventBusAddresses.cirOf(nodeId), msg -> {
            NetSocket socket = channels.get(msg.body().getString("channelId"));
            if (socket == null) {
                return;
            }
            if (msg.body().getBoolean("close", false)) {
                socket.close();
            } else {
                socket.write(msg.body().getString("line") + "\r\n");
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
        // The parser reads the socket and hands out lines one at a time on demand: lines the client
        // wrote together (TCP may merge its writes) wait while a HELO is checked, and then come in order.
        RecordParser lines = RecordParser.newDelimited("\n", socket).maxRecordSize(options.maxLineLength());
        Connection connection = new Connection(socket, lines, SecureIds.next());
        lines.exceptionHandler(err -> socket.close());
        lines.handler(connection::line);
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
        private final RecordParser lines;
        private final String channelId;
        private String sessionId;
        private int ignored;
        private boolean closed;

        Connection(NetSocket socket, RecordParser lines, String channelId) {
            this.socket = socket;
            this.lines = lines;
            this.channelId = channelId;
        }

        void line(Buffer raw) {
            String line = raw.toString(java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (line.startsWith("HELO ") && line.length() > 5) {
                helo(line.substring(5).strip());
            } else if (line.equals("PING") && sessionId != null) {
                socket.write(OK);
            } else if (sessionId == null || ++ignored > MAX_IGNORED_LINES) {
                socket.close();
            }
        }

        private void helo(String requested) {
            lines.pause();
            String previous = sessionId;
            router.bindCir(requested, channelId).onComplete(ar -> {
                if (ar.failed()) {
                    socket.close();
                    return;
                }
                if (closed) {
                    // The peer left while its HELO was being checked: undo the binding it just got.
                    router.unbindCir(requested, channelId);
                    return;
                }
                if (previous != null && !previous.equals(requested)) {
                    router.unbindCir(previous, channelId);
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
                router.unbindCir(sessionId, channelId);
            }
        }
    }
}
