package imps.codec.pts;

import imps.protocol.Element;

import java.util.List;

/**
 * The presence attribute codes of docs/pts.md §4.4 (OS, UA, CF, ST, SC), each with the value codes of
 * its PresenceValue and the codes of its sub-elements (ClientInfo: CT, CP, CV; StatusContent: RC,
 * CY). Every other attribute is written by its full name, its sub-elements too.
 */
final class PresenceAttributes {
    static final String QUALIFIER = "Qualifier";
    static final String PRESENCE_VALUE = "PresenceValue";

    /** One attribute: its code (or full name), value codes and the vocabulary of its sub-elements. */
    record Attribute(String code, String name, ValueCodes values, PtsVocabulary parts) {
    }

    private static final PtsVocabulary CLIENT_INFO = new PtsVocabulary(
            PtsEntry.each("CT", "ClientType", new TextCodec(ValueCodes.CLIENT_TYPES)),
            PtsEntry.each("CP", "ClientProducer", TextCodec.PLAIN),
            PtsEntry.each("CV", "ClientVersion", TextCodec.PLAIN));
    private static final PtsVocabulary STATUS_CONTENT = new PtsVocabulary(
            PtsEntry.each("RC", "ReferredContent", TextCodec.PLAIN),
            PtsEntry.each("CY", "ContentType", TextCodec.PLAIN));
    private static final List<Attribute> CODED = List.of(
            new Attribute("OS", "OnlineStatus", ValueCodes.NONE, PtsVocabulary.EMPTY),
            new Attribute("UA", "UserAvailability", ValueCodes.AVAILABILITY, PtsVocabulary.EMPTY),
            new Attribute("CF", "ClientInfo", ValueCodes.NONE, CLIENT_INFO),
            new Attribute("ST", "StatusText", ValueCodes.NONE, PtsVocabulary.EMPTY),
            new Attribute("SC", "StatusContent", ValueCodes.NONE, STATUS_CONTENT));

    private PresenceAttributes() {
    }

    /** The attribute a code or full name stands for. */
    static Attribute byCode(String code) throws PtsSyntaxException {
        for (Attribute a : CODED) {
            if (a.code().equalsIgnoreCase(code)) {
                return a;
            }
        }
        String name = ElementNames.checked(code);
        return new Attribute(name, name, ValueCodes.NONE, PtsVocabulary.EMPTY);
    }

    /** The attribute for an element name; null when it has no code and cannot be written by name. */
    static Attribute byName(String name) {
        for (Attribute a : CODED) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return ElementNames.isFullName(name) ? new Attribute(name, name, ValueCodes.NONE, PtsVocabulary.EMPTY) : null;
    }

    /** Whether an element is the attribute's leading Qualifier (a plain leaf). */
    static boolean isQualifier(Element e) {
        return e.name().equals(QUALIFIER) && e.text() != null && e.children().isEmpty();
    }
}
