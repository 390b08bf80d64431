package imps.transport.tcpcir;

import imps.bus.EventBusAddresses;
import imps.router.CspRouter;
import imps.session.SecureIds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.TimeUnit;

/**
 * The standalone TCP CIR channel (transports §4). A client connects and says {@code HELO <Session-ID>};
 * the session's owner accepts it and the gateway answers {@code OK}. {@code PING} (with or without a
 * trailing space) gets {@code OK}. When the session has something queued the owner sends
 * {@code WVCI <version> <cookie>} through this node. The gateway never sends anything else. Lines
 * end with CR LF; an unknown or ended session, a line before HELO that is not HELO, or an overlong
 * line closes the connection. A new HELO for the same session elsewhere replaces this connection.
 */
public final class TcpCirVerticle extends VerticleBase {
    private static final Buffer OK = Buffer.buffer("OK\r\n");
    private static final int MAX_IGNORED_LINES = 16;

    private final TcpCirOptions options;
    private final CspRouter router;
    private final String nodeId;
    private final TcpCirChannels channels;
    private NetServer server;

    public TcpCirVerticle(TcpCirOptions options, CspRouter router, String nodeId, TcpCirChannels channels) {
        this.options = options;
        this.router = router;
        this.nodeId = nodeId;
        this.channels = channels;
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
        NetServerOptions serverOptions = new NetServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setIdleTimeout(options.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpKeepAlive(true);
        server = vertx.createNetServer(serverOptions).connectHandler(this::connected);
        return server.listen();
    }

    private void connected(NetSocket socket) {
        Connection connection = new Connection(socket, SecureIds.next());
        socket.handler(new CirLineReader(options.maxLineLength(), connection::line, socket::close));
        socket.closeHandler(v -> connection.closed());
    }

    /** One TCP CIR connection: unbound until a HELO is accepted, then bound to that session. */
    private final class Connection {
        private final NetSocket socket;
        private final String channelId;
        private String sessionId;
        private int ignored;
        private boolean closed;

        Connection(NetSocket socket, String channelId) {
            this.socket = socket;
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
            socket.pause();
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
                socket.resume();
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
