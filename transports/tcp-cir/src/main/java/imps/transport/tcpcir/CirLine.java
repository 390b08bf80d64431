package imps.transport.tcpcir;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * One line a TCP CIR client sent (OMA-TS-IMPS_CSP_Transport, standalone TCP CIR), as the channel
 * understands it: {@code HELO
 * <Session-ID>}, {@code PING} (with or without a trailing space), or anything else. The bytes are
 * read as US-ASCII; white space around the line and around the Session-ID does not count.
 */
sealed interface CirLine {

    record Helo(String sessionId) implements CirLine {
    }

    record Ping() implements CirLine {
    }

    record Other() implements CirLine {
    }

    static CirLine of(Buffer raw) {
        String line = raw.toString(StandardCharsets.US_ASCII).strip();
        if (line.startsWith("HELO ") && line.length() > 5) {
            return new Helo(line.substring(5).strip());
        }
        return line.equals("PING") ? new Ping() : new Other();
    }
}
