package imps.transport.sms.kannel;

import imps.transport.sms.UserDataHeader;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mobile-terminated message as fakesmsc received it from Kannel's fake SMSC, which writes one
 * line per message: {@code <sender> <receiver> [udh <udh>] text|data|ucs-2 <message>}. The UDH and
 * the message of {@code data} and {@code ucs-2} are percent-encoded there; {@code text} is raw.
 * {@code udh} holds the header with its length octet (empty without one), {@code payload} the
 * message octets: UTF-8 text for {@code TEXT}, as sent for {@code DATA}, UTF-16BE for {@code UCS2}.
 */
public record FakeSmscMessage(String sender, String receiver, byte[] udh, Type type, byte[] payload) {

    public enum Type { TEXT, DATA, UCS2 }

    private static final Pattern LOG_LINE = Pattern.compile("Got message \\d+: <(.*)>$");

    /** The application port of a port-addressed message, null without one. */
    public Integer destinationPort() {
        return udh.length == 0 ? null : UserDataHeader.parse(udh).header().destinationPort();
    }

    /** The message as text: UTF-16BE for UCS-2, otherwise UTF-8 (the text of PTS data messages). */
    public String text() {
        return new String(payload, type == Type.UCS2 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
    }

    /**
     * The message in one line of fakesmsc's output, or null when the line reports something else.
     * The line must have been read as ISO-8859-1 so that every octet is kept.
     */
    static FakeSmscMessage fromLogLine(String line) {
        Matcher m = LOG_LINE.matcher(line);
        return m.find() ? parse(m.group(1)) : null;
    }

    static FakeSmscMessage parse(String message) {
        String[] head = message.split(" ", 4);
        if (head.length < 4) {
            throw new IllegalArgumentException("not a fakesmsc message: " + message);
        }
        byte[] udh = new byte[0];
        String rest = head[2] + " " + head[3];
        if (head[2].equals("udh")) {
            String[] parts = head[3].split(" ", 2);
            udh = QueryCodec.decodeComponent(parts[0]);
            rest = parts.length > 1 ? parts[1] : "";
        }
        String[] typed = rest.split(" ", 2);
        String body = typed.length > 1 ? typed[1] : "";
        return switch (typed[0]) {
            case "text" -> new FakeSmscMessage(head[0], head[1], udh, Type.TEXT, body.getBytes(StandardCharsets.ISO_8859_1));
            case "data" -> new FakeSmscMessage(head[0], head[1], udh, Type.DATA, QueryCodec.decodeComponent(body));
            case "ucs-2" -> new FakeSmscMessage(head[0], head[1], udh, Type.UCS2, QueryCodec.decodeComponent(body));
            default -> throw new IllegalArgumentException("unknown fakesmsc message type in: " + message);
        };
    }

    @Override
    public String toString() {
        return sender + " -> " + receiver + " " + type + (udh.length == 0 ? "" : " udh " + HexFormat.of().formatHex(udh))
                + " " + HexFormat.of().formatHex(payload);
    }
}
