package imps.protocol.primitive;

import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;

/** CSP value syntax (OMA-TS-IMPS_CSP_DataTypes): decimal integers, T/F booleans (case-insensitive). */
final class Values {
    private Values() {
    }

    static Integer optionalInt(Element e, String name) {
        String text = e.childText(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException ex) {
            throw new MalformedPrimitive(name + " is not a number");
        }
    }

    static boolean flag(Element e, String name) {
        return "T".equalsIgnoreCase(e.childText(name));
    }
}
