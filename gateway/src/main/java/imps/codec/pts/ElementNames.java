package imps.codec.pts;

import java.util.regex.Pattern;

/**
 * The fallback rule: an element without a code is written with its full name as the parameter
 * code. Such a name must be longer than two characters (two letters are codes) and a plain XML
 * name without a namespace prefix.
 */
final class ElementNames {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{2,63}");

    private ElementNames() {
    }

    static boolean isFullName(String name) {
        return PLAIN_NAME.matcher(name).matches();
    }

    static String checked(String name) throws PtsSyntaxException {
        if (!isFullName(name)) {
            throw new PtsSyntaxException("unknown code " + name);
        }
        return name;
    }
}
