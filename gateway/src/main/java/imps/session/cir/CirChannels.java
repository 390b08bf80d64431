package imps.session.cir;

import imps.bus.CirCommand;
import imps.bus.EventBusAddresses;
import io.vertx.core.Vertx;

import java.util.EnumMap;
import java.util.Map;

/**
 * The CIR channel of each method that pushes wake-ups, keyed by method (standalone HTTP CIR is pulled
 * by the client and has none). A new CIR method is one more channel here and one bearer that consumes
 * its commands.
 */
public final class CirChannels {
    private final Map<CirMethod, CirChannel> channels = new EnumMap<>(CirMethod.class);

    /**
     * The gateway's channels: STCP to the node that holds the client's TCP connection (the owner may be
     * another node), SSMS and SUDP to this node's SMS link and UDP sender, which pace them per phone and
     * per address.
     */
    public static CirChannels standard(Vertx vertx) {
        CirChannels c = new CirChannels();
        c.register(CirMethod.STCP, new CirChannel() {
            @Override
            public void wake(CirBinding binding, String line) {
                vertx.eventBus().send(EventBusAddresses.cirOf(binding.nodeId()),
                        new CirCommand.Wake(binding.channelId(), line).toJson());
            }

            @Override
            public void close(CirBinding binding) {
                vertx.eventBus().send(EventBusAddresses.cirOf(binding.nodeId()),
                        new CirCommand.Close(binding.channelId()).toJson());
            }
        });
        c.register(CirMethod.SSMS, (binding, line) -> vertx.eventBus().send(EventBusAddresses.SMS_CIR,
                new CirCommand.Wake(binding.channelId(), line).toJson()));
        c.register(CirMethod.SUDP, (binding, line) -> vertx.eventBus().send(EventBusAddresses.UDP_CIR,
                new CirCommand.Wake(binding.channelId(), line).toJson()));
        return c;
    }

    public void register(CirMethod method, CirChannel channel) {
        channels.put(method, channel);
    }

    /** Sends the wake-up through the binding's channel; false when its method has none. */
    public boolean wake(CirBinding binding, String line) {
        CirChannel channel = channel(binding);
        if (channel == null) {
            return false;
        }
        channel.wake(binding, line);
        return true;
    }

    public void close(CirBinding binding) {
        CirChannel channel = channel(binding);
        if (channel != null) {
            channel.close(binding);
        }
    }

    private CirChannel channel(CirBinding binding) {
        CirMethod method = CirMethod.of(binding.method());
        return method == null ? null : channels.get(method);
    }
}
