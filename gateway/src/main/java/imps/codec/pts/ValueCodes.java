package imps.codec.pts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Two-letter codes that stand for CSP values in one place (docs/pts.md §4.3 capability values, §4.4
 * presence values, §5.5 contact-list property names). A value without a code is written as itself;
 * on input, text that is no code is taken literally (docs/pts.md §4.3).
 */
final class ValueCodes {
    static final ValueCodes NONE = new ValueCodes();
    static final ValueCodes CLIENT_TYPES = new ValueCodes(
            "MP", "MOBILE_PHONE", "CO", "COMPUTER", "PD", "PDA", "CL", "CLI", "OT", "OTHER");
    static final ValueCodes CIR_METHODS = new ValueCodes(
            "ST", "STCP", "SU", "SUDP", "SS", "SSMS", "WS", "WAPSMS", "WU", "WAPUDP");
    static final ValueCodes AVAILABILITY = new ValueCodes(
            "AV", "AVAILABLE", "DI", "DISCREET", "NA", "NOT_AVAILABLE");
    static final ValueCodes LIST_PROPERTIES = new ValueCodes("DN", "DisplayName", "DE", "Default");

    private final Map<String, String> valueByCode = new HashMap<>();
    private final Map<String, String> codeByValue = new HashMap<>();

    /** @param pairs code, value, code, value … */
    private ValueCodes(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            valueByCode.put(pairs[i], pairs[i + 1]);
            codeByValue.put(pairs[i + 1], pairs[i]);
        }
    }

    String encode(String value) {
        return codeByValue.getOrDefault(value, value);
    }

    String decode(String text) {
        if (text.length() != 2 || valueByCode.isEmpty()) {
            return text;
        }
        return valueByCode.getOrDefault(text.toUpperCase(Locale.ROOT), text);
    }
}
