package imps.bus;

import io.vertx.core.json.JsonObject;

/**
 * What the session owner asks of a CIR channel (OMA-TS-IMPS_CSP_Transport, CIR): write a wake-up line
 * to one channel, or close it (a TCP CIR connection another one replaced). {@code channelId} is what
 * the channel knows its client by: a TCP connection's id, a phone number, a UDP address. On the event
 * bus a command is a JSON object, read and written only here.
 */
public sealed interface CirCommand {
    String channelId();

    /** Write {@code line} ({@code WVCI <version> <cookie>}) to the client. */
    record Wake(String channelId, String line) implements CirCommand {
    }

    /** Close the channel: the client opened another one. */
    record Close(String channelId) implements CirCommand {
    }

    default JsonObject toJson() {
        JsonObject json = new JsonObject().put("channelId", channelId());
        return this instanceof Wake w ? json.put("line", w.line()) : json.put("close", true);
    }

    static CirCommand fromJson(JsonObject json) {
        String channelId = json.getString("channelId");
        return json.getBoolean("close", false) ? new Close(channelId) : new Wake(channelId, json.getString("line"));
    }
}
