package imps.transport.udpcir;

import imps.bus.CirCommand;
import imps.bus.EventBusAddresses;
import imps.transport.base.BearerReadiness;
import imps.transport.base.BearerVerticle;
import imps.transport.base.CirPacer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Standalone UDP CIR (OMA-TS-IMPS_CSP_Transport, standalone UDP binding): the session owner's wake-ups
 * ({@link EventBusAddresses#UDP_CIR}) go out as one datagram {@code WVCI <version> <cookie>} each to
 * the {@code host:port} of the session's binding, at most one per address and interval (later ones
 * folded into one at the interval's end, {@link CirPacer}). Nothing is read from the socket.
 */
public final class UdpCirVerticle extends BearerVerticle {
    private final UdpCirOptions options;
    private DatagramSocket socket;
    private CirPacer pacer;

    /** @param readiness where the verticle reports that its socket is bound (as bearer {@code udp-cir}) */
    public UdpCirVerticle(UdpCirOptions options, BearerReadiness readiness) {
        super(readiness, "udp-cir");
        this.options = options;
    }

    @Override
    protected Future<?> open() {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(options.host().contains(":")));
        pacer = new CirPacer(vertx, TimeUnit.SECONDS.toMillis(options.minIntervalSeconds()), this::send);
        var commands = vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.UDP_CIR, msg -> {
            if (CirCommand.fromJson(msg.body()) instanceof CirCommand.Wake wake) {
                pacer.request(wake.channelId(), wake.line());
            }
        });
        return socket.listen(options.port(), options.host()).compose(s -> commands.completion());
    }

    @Override
    protected Future<?> close() {
        return socket.close();
    }

    /** {@code address} is {@code host:port}, an IPv6 host in brackets. */
    private void send(String address, String line) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        // Best effort, as UDP is: a client that misses it still polls every ServerPollMin.
        socket.send(Buffer.buffer(line.getBytes(StandardCharsets.US_ASCII)), port, host);
    }
}
