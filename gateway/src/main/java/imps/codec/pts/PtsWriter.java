package imps.codec.pts;

/**
 * Writes parameters in the syntax of docs/pts.md §2. Text is quoted only when it must be: when it is
 * empty where nothing else would show it, or contains a space, a control character or one of
 * {@code " , ( ) = &}.
 */
final class PtsWriter {
    private PtsWriter() {
    }

    static void parameter(StringBuilder sb, String code, PtsValue value) {
        sb.append(' ').append(code).append('=');
        value(sb, value, true);
    }

    /** {@code alone}: the value is a whole parameter or a group's only member, so empty text needs {@code ""}. */
    private static void value(StringBuilder sb, PtsValue value, boolean alone) {
        if (value instanceof PtsValue.Atom atom) {
            text(sb, atom.text(), alone);
            return;
        }
        PtsValue.Group group = (PtsValue.Group) value;
        sb.append('(');
        for (int i = 0; i < group.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            value(sb, group.get(i), group.size() == 1);
        }
        sb.append(')');
    }

    private static void text(StringBuilder sb, String text, boolean alone) {
        if (text.isEmpty()) {
            if (alone) {
                sb.append("\"\"");
            }
            return;
        }
        if (!needsQuotes(text)) {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c);
            if (c == '"') {
                sb.append('"');
            }
        }
        sb.append('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '"' || c == ',' || c == '(' || c == ')' || c == '=' || c == '&') {
                return true;
            }
        }
        return false;
    }
}
