package imps.codec.wbxml;

import imps.protocol.CspVersion;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CSP version's WBXML vocabulary, built once from {@link CspTokens}: array look-ups by code page
 * and token for the decoder, hash look-ups by name and text for the encoder. The encoder writes only
 * the version's own tokens; the decoder also reads the other versions' tokens where the version
 * leaves a slot empty ({@link #readingOrder}).
 */
final class CspVocabulary {
    /** Tokens 0x05–0x3F of a tag code page; the low six bits of a tag byte. */
    private static final int TOKENS_PER_PAGE = 0x40;
    /** In an {@link #encoding}: the content is an OPAQUE integer. */
    static final int INTEGER = 1 << 16;
    /** In an {@link #encoding}: the content is an OPAQUE date-time. */
    static final int DATE_TIME = 1 << 17;
    private static final Map<CspVersion, CspVocabulary> ALL = new EnumMap<>(CspVersion.class);

    static {
        for (CspVersion v : CspVersion.values()) {
            ALL.put(v, new CspVocabulary(v));
        }
    }

    private final CspVersion version;
    /** [page][token] -> element name, null where undefined; see {@link #readingOrder}. */
    private final String[][] tags;
    /** Element name -> its {@link #encoding} in this version only; the lowest page wins when a name has two tokens. */
    private final Map<String, Integer> encodings = new HashMap<>();
    private final String[] values;
    /** Text -> value token in this version only; the lowest token wins when a text has two. */
    private final Map<String, Integer> valueCodes = new HashMap<>();

    private CspVocabulary(CspVersion version) {
        this.version = version;
        Set<String> integers = switch (version) {
            case V1_1 -> CspTokens.INTEGERS_1_1;
            case V1_2 -> CspTokens.INTEGERS_1_2;
            case V1_3 -> CspTokens.INTEGERS_1_3;
        };
        String[][] own = tagTable(version);
        for (int page = 0; page < own.length; page++) {
            for (int token = 0; own[page] != null && token < TOKENS_PER_PAGE; token++) {
                String name = own[page][token];
                if (name != null) {
                    int type = integers.contains(name) ? INTEGER : CspTokens.DATE_TIMES.contains(name) ? DATE_TIME : 0;
                    encodings.putIfAbsent(name, page << 8 | token | type);
                }
            }
        }
        String[] ownValues = valueTable(version);
        for (int i = 0; i < ownValues.length; i++) {
            if (ownValues[i] != null) {
                valueCodes.putIfAbsent(ownValues[i], i);
            }
        }
        tags = own;
        String[] readValues = ownValues;
        for (CspVersion other : readingOrder(version)) {
            fillGaps(tags, tagTable(other));
            readValues = fillGaps(readValues, valueTable(other));
        }
        values = readValues;
    }

    /**
     * What a decoder of {@code v} also reads where {@code v}'s own tables leave a slot empty: the
     * other versions, nearest first, the older on a tie. Implementations with one table for 1.1 and
     * 1.2 (libwbxml) write 1.2 tokens into 1.1 documents; a token no version defines stays an error.
     */
    private static List<CspVersion> readingOrder(CspVersion v) {
        return switch (v) {
            case V1_1 -> List.of(CspVersion.V1_2, CspVersion.V1_3);
            case V1_2 -> List.of(CspVersion.V1_1, CspVersion.V1_3);
            case V1_3 -> List.of(CspVersion.V1_2, CspVersion.V1_1);
        };
    }

    private static String[][] tagTable(CspVersion v) {
        int pages = 0;
        for (CspTokens.Span s : CspTokens.TAGS) {
            pages = Math.max(pages, s.page() + 1);
        }
        String[][] table = new String[pages][];
        for (CspTokens.Span s : CspTokens.TAGS) {
            if (s.covers(v)) {
                if (table[s.page()] == null) {
                    table[s.page()] = new String[TOKENS_PER_PAGE];
                }
                for (int i = 0; i < s.names().size(); i++) {
                    table[s.page()][s.first() + i] = s.names().get(i);
                }
            }
        }
        return table;
    }

    private static String[] valueTable(CspVersion v) {
        int size = 0;
        for (CspTokens.Span s : CspTokens.VALUES) {
            if (s.covers(v)) {
                size = Math.max(size, s.first() + s.names().size());
            }
        }
        String[] table = new String[size];
        for (CspTokens.Span s : CspTokens.VALUES) {
            if (s.covers(v)) {
                for (int i = 0; i < s.names().size(); i++) {
                    table[s.first() + i] = s.names().get(i);
                }
            }
        }
        return table;
    }

    private static void fillGaps(String[][] table, String[][] other) {
        for (int page = 0; page < table.length; page++) {
            if (other[page] == null) {
                continue;
            }
            if (table[page] == null) {
                table[page] = new String[TOKENS_PER_PAGE];
            }
            fillGaps(table[page], other[page]);
        }
    }

    private static String[] fillGaps(String[] table, String[] other) {
        String[] out = table.length >= other.length ? table : Arrays.copyOf(table, other.length);
        for (int i = 0; i < other.length; i++) {
            if (out[i] == null) {
                out[i] = other[i];
            }
        }
        return out;
    }

    static CspVocabulary of(CspVersion version) {
        return ALL.get(version);
    }

    CspVersion version() {
        return version;
    }

    boolean hasPage(int page) {
        return page >= 0 && page < tags.length && tags[page] != null;
    }

    /** The element name a decoder of this version reads for a tag token on a code page, or null. */
    String tag(int page, int token) {
        return hasPage(page) ? tags[page][token] : null;
    }

    /**
     * What the encoder writes for an element: page << 8 | token, with {@link #INTEGER} or
     * {@link #DATE_TIME} set when its content is typed in this version; -1 when this version has no
     * token for it. One look-up per element.
     */
    int encoding(String name) {
        Integer code = encodings.get(name);
        return code == null ? -1 : code;
    }

    /** The text a decoder of this version reads for a value token, or null. */
    String value(long index) {
        return index >= 0 && index < values.length ? values[(int) index] : null;
    }

    /** The value token standing for exactly this text, or -1. */
    int valueCode(String text) {
        Integer code = valueCodes.get(text);
        return code == null ? -1 : code;
    }

}
