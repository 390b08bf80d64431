package imps.codec.pts;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parameter part of a PTS message (everything after the preamble's space) as docs/pts.md §2
 * describes it: {@code CODE=value} separated by spaces, a value being simple text, a quoted string
 * ({@code ""} stands for a quote) or a group in parentheses whose members may be empty or groups
 * again. Runs of spaces between parameters are tolerated. Unquoted text may contain {@code =} and
 * {@code &} (Android quotes them, but nothing is ambiguous about them), never a quote or a
 * parenthesis. Everything else, and anything over the limits, is a {@link PtsSyntaxException}.
 */
final class PtsReader {
    private final String text;
    private final PtsLimits limits;
    private int pos;

    private PtsReader(String text, PtsLimits limits) {
        this.text = text;
        this.limits = limits;
    }

    static List<PtsParameter> read(String parameterPart, PtsLimits limits) throws PtsSyntaxException {
        return new PtsReader(parameterPart, limits).parameters();
    }

    private List<PtsParameter> parameters() throws PtsSyntaxException {
        List<PtsParameter> out = new ArrayList<>();
        while (pos < text.length()) {
            if (text.charAt(pos) == ' ') {
                pos++;
                continue;
            }
            if (out.size() == limits.maxParameters()) {
                throw new PtsSyntaxException("more than " + limits.maxParameters() + " parameters");
            }
            String code = code();
            out.add(new PtsParameter(code, topValue(code)));
            if (pos < text.length() && text.charAt(pos) != ' ') {
                throw new PtsSyntaxException("unexpected '" + text.charAt(pos) + "' after the value of " + code);
            }
        }
        return out;
    }

    private String code() throws PtsSyntaxException {
        int start = pos;
        while (pos < text.length() && codeChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new PtsSyntaxException("parameter code expected at offset " + start);
        }
        if (pos == text.length() || text.charAt(pos) != '=') {
            throw new PtsSyntaxException("parameter " + text.substring(start, pos) + " has no value");
        }
        return text.substring(start, pos++);
    }

    private static boolean codeChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    private PtsValue topValue(String code) throws PtsSyntaxException {
        if (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return quoted();
            }
            if (c == '(') {
                return group(1);
            }
        }
        String simple = simple(true);
        if (simple.isEmpty()) {
            throw new PtsSyntaxException("parameter " + code + " has no value");
        }
        return new PtsValue.Atom(simple);
    }

    private PtsValue.Group group(int depth) throws PtsSyntaxException {
        if (depth > limits.maxDepth()) {
            throw new PtsSyntaxException("groups nested deeper than " + limits.maxDepth());
        }
        pos++;
        if (pos < text.length() && text.charAt(pos) == ')') {
            throw new PtsSyntaxException("empty group");
        }
        List<PtsValue> members = new ArrayList<>(4);
        while (true) {
            if (members.size() == limits.maxGroupMembers()) {
                throw new PtsSyntaxException("a group with more than " + limits.maxGroupMembers() + " members");
            }
            members.add(member(depth));
            if (pos == text.length()) {
                throw new PtsSyntaxException("unbalanced parenthesis");
            }
            char c = text.charAt(pos++);
            if (c == ')') {
                return new PtsValue.Group(members);
            }
            if (c != ',') {
                throw new PtsSyntaxException("unexpected '" + c + "' in a group");
            }
        }
    }

    private PtsValue member(int depth) throws PtsSyntaxException {
        if (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return quoted();
            }
            if (c == '(') {
                return group(depth + 1);
            }
        }
        return new PtsValue.Atom(simple(false));
    }

    /** Unquoted text: up to a space at the top level, up to ',' or ')' inside a group. */
    private String simple(boolean topLevel) throws PtsSyntaxException {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ') {
                if (topLevel) {
                    break;
                }
                throw new PtsSyntaxException("a value with a space must be quoted");
            }
            if (c == ',' || c == ')') {
                if (!topLevel) {
                    break;
                }
                throw new PtsSyntaxException(c == ')' ? "unbalanced parenthesis" : "a value with ',' must be quoted");
            }
            if (c == '"' || c == '(') {
                throw new PtsSyntaxException("'" + c + "' inside an unquoted value");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private PtsValue.Atom quoted() throws PtsSyntaxException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != '"') {
                sb.append(c);
            } else if (pos < text.length() && text.charAt(pos) == '"') {
                sb.append('"');
                pos++;
            } else {
                return new PtsValue.Atom(sb.toString());
            }
        }
        throw new PtsSyntaxException("unbalanced quote");
    }
}
