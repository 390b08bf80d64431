package imps.transport.tcpcir;

import io.vertx.core.net.NetSocket;

import java.util.concurrent.ConcurrentHashMap;

/** The TCP CIR connections this node holds, by channel id, shared by the listener's instances. */
public final class TcpCirChannels {
    private final ConcurrentHashMap<String, NetSocket> sockets = new ConcurrentHashMap<>();

    void add(String channelId, NetSocket socket) {
        sockets.put(channelId, socket);
    }

    void remove(String channelId) {
        sockets.remove(channelId);
    }

    NetSocket get(String channelId) {
        return sockets.get(channelId);
    }

    /** Connections bound to a session right now. */
    public int size() {
        return sockets.size();
    }

}
