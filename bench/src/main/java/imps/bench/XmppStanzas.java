package imps.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits an XMPP stream (RFC 6120 §4) as it arrives into its top-level pieces: the opening
 * {@code <stream:stream …>} tag, then each complete child element of the stream (a stanza, or
 * {@code stream:features}, {@code success}, …), each handed over as its text. It tracks element
 * depth only: enough for a load tool talking to a well-behaved server, which is all it is for. The
 * prolog ({@code <?xml …?>}), comments and a closing {@code </stream:stream>} are skipped.
 */
final class XmppStanzas {
    private final Consumer<String> onStreamStart;
    private final Consumer<String> onElement;
    private final StringBuilder pending = new StringBuilder();
    /** Where in {@link #pending} the element being read starts (depth 1), or -1 between elements. */
    private int elementStart = -1;
    private int depth;
    private int scanned;

    XmppStanzas(Consumer<String> onStreamStart, Consumer<String> onElement) {
        this.onStreamStart = onStreamStart;
        this.onElement = onElement;
    }

    /** A stream restart (after SASL success): the next thing the server sends is a new stream header. */
    void restart() {
        pending.setLength(0);
        elementStart = -1;
        depth = 0;
        scanned = 0;
    }

    void feed(byte[] bytes) {
        pending.append(new String(bytes, StandardCharsets.UTF_8));
        int i = scanned;
        while (i < pending.length()) {
            char c = pending.charAt(i);
            if (c != '<') {
                i++;
                continue;
            }
            int end = tagEnd(i);
            if (end < 0) {
                break; // the tag is not complete yet
            }
            char next = i + 1 < pending.length() ? pending.charAt(i + 1) : 0;
            if (next == '?' || next == '!') {
                i = end + 1;
                continue;
            }
            boolean closing = next == '/';
            boolean empty = pending.charAt(end - 1) == '/';
            if (closing) {
                depth--;
                if (depth == 1 && elementStart >= 0) {
                    onElement.accept(pending.substring(elementStart, end + 1));
                    elementStart = -1;
                } else if (depth <= 0) {
                    depth = 0; // </stream:stream>
                }
            } else if (depth == 0) {
                onStreamStart.accept(pending.substring(i, end + 1));
                depth = 1;
            } else {
                if (depth == 1) {
                    elementStart = i;
                }
                if (empty) {
                    if (depth == 1) {
                        onElement.accept(pending.substring(i, end + 1));
                        elementStart = -1;
                    }
                } else {
                    depth++;
                }
            }
            i = end + 1;
        }
        // Drop what has been handed over, keep the element in progress.
        int keepFrom = elementStart >= 0 ? elementStart : i;
        pending.delete(0, keepFrom);
        if (elementStart >= 0) {
            elementStart = 0;
        }
        scanned = i - keepFrom;
    }

    /** The index of the '>' that ends the tag starting at {@code start}, skipping quoted attribute values; -1 if not there yet. */
    private int tagEnd(int start) {
        char quote = 0;
        for (int j = start + 1; j < pending.length(); j++) {
            char c = pending.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j;
            }
        }
        return -1;
    }

    /** The value of attribute {@code name} in the element's start tag, or null. */
    static String attribute(String element, String name) {
        int tagEnd = element.indexOf('>');
        String tag = tagEnd < 0 ? element : element.substring(0, tagEnd);
        for (String q : new String[] {"'", "\""}) {
            String key = " " + name + "=" + q;
            int a = tag.indexOf(key);
            if (a >= 0) {
                int b = tag.indexOf(q, a + key.length());
                return b < 0 ? null : tag.substring(a + key.length(), b);
            }
        }
        return null;
    }

    /** The element's name, e.g. "message" or "stream:features". */
    static String name(String element) {
        int i = 1;
        while (i < element.length() && " />\t\r\n".indexOf(element.charAt(i)) < 0) {
            i++;
        }
        return element.substring(1, i);
    }

    /** The text of the first child element {@code child} (no entities decoded), or null. */
    static String childText(String element, String child) {
        int a = element.indexOf("<" + child + ">");
        if (a < 0) {
            a = element.indexOf("<" + child + " ");
            if (a < 0) {
                return null;
            }
        }
        int open = element.indexOf('>', a);
        int close = element.indexOf("</" + child + ">", open);
        return open < 0 || close < 0 ? null : element.substring(open + 1, close);
    }
}
