package imps.codec.pts;

import static imps.codec.pts.PtsEntry.each;
import static imps.codec.pts.PtsEntry.grouped;

/**
 * The element codes used outside the special places of docs/pts.md §4.2–§4.4 (docs/pts.md §4.1 has
 * the table with each code's source). The first group is the Android engine's; the second is
 * defined by the gateway for primitives the Android engine never sends (IM, groups, blocking),
 * following the same style. Anything without a code is written by its full name.
 */
final class ElementCodes {
    private static final TextCodec TEXT = TextCodec.PLAIN;
    private static final StructureCodec STRUCTURE = StructureCodec.GENERIC;
    private static final StructureCodec CAPABILITY_LIST = new StructureCodec(() -> ElementCodes.CAPABILITIES, false);

    /** Capability codes inside CA and AP (docs/pts.md §4.3); AC, AE, AL and UL are the gateway's. */
    static final PtsVocabulary CAPABILITIES = new PtsVocabulary(
            each("CT", "ClientType", new TextCodec(ValueCodes.CLIENT_TYPES)),
            each("ID", "InitialDeliveryMethod", TEXT),
            each("PS", "ParserSize", TEXT),
            each("MT", "MultiTrans", TEXT),
            each("PM", "ServerPollMin", TEXT),
            each("SB", "SupportedBearer", TEXT),
            each("SC", "SupportedCIRMethod", new TextCodec(ValueCodes.CIR_METHODS)),
            each("TA", "TCPAddress", TEXT),
            each("TP", "TCPPort", TEXT),
            each("UP", "UDPPort", TEXT),
            each("DL", "DefaultLanguage", TEXT),
            each("CI", "CIRURL", new WrapperCodec("URL")),
            each("AC", "AcceptedContentType", TEXT),
            each("AE", "AcceptedTransferEncoding", TEXT),
            each("AL", "AcceptedContentLength", TEXT),
            each("UL", "UserSessionLimit", TEXT));

    /** The codes of the top level of every primitive and of the generic form. */
    static final PtsVocabulary COMMON = new PtsVocabulary(
            // Android engine (docs/pts.md §4.1)
            each("SI", "SessionID", TEXT),
            grouped("UI", "UserID", TEXT),
            each("CI", "ClientID", ClientIdCodec.INSTANCE),
            each("PW", "Password", TEXT),
            each("SH", "DigestSchema", TEXT),
            each("DB", "DigestBytes", TEXT),
            each("NO", "Nonce", TEXT),
            each("TL", "TimeToLive", TEXT),
            each("SC", "SessionCookie", TEXT),
            each("KA", "KeepAliveTime", TEXT),
            each("CR", "CapabilityRequest", TEXT),
            each("ST", "Result", ResultCodec.INSTANCE),
            each("CA", "CapabilityList", CAPABILITY_LIST),
            each("AP", "AgreedCapabilityList", CAPABILITY_LIST),
            each("RF", "Functions", FunctionsCodec.INSTANCE),
            each("NF", "Functions", FunctionsCodec.INSTANCE),
            each("AR", "AllFunctionsRequest", TEXT),
            each("AF", "AllFunctions", FunctionsCodec.INSTANCE),
            grouped("CL", "ContactList", TEXT),
            each("DL", "DefaultList", TEXT),
            each("DC", "DefaultContactList", TEXT),
            each("UN", "NickList", NickListCodec.NICKS),
            each("AN", "AddNickList", NickListCodec.NICKS),
            each("RN", "RemoveNickList", NickListCodec.REMOVALS),
            each("CP", "ContactListProperties", new PropertiesCodec(ValueCodes.LIST_PROPERTIES)),
            each("RL", "ReceiveList", TEXT),
            each("AS", "AutoSubscribe", TEXT),
            each("PS", "PresenceSubList", AttributeNamesCodec.INSTANCE),
            each("UV", "PresenceSubList", AttributeValuesCodec.INSTANCE),
            grouped("PR", "Presence", PresenceCodec.INSTANCE),
            // gateway-defined: instant messaging
            each("MF", "MessageInfo", STRUCTURE),
            grouped("MI", "MessageID", TEXT),
            each("MU", "MessageURI", TEXT),
            each("CY", "ContentType", TEXT),
            each("CE", "ContentEncoding", TEXT),
            each("CZ", "ContentSize", TEXT),
            each("CD", "ContentData", TEXT),
            each("RE", "Recipient", STRUCTURE),
            each("SE", "Sender", STRUCTURE),
            each("US", "User", STRUCTURE),
            each("GU", "Group", STRUCTURE),
            each("DT", "DateTime", TEXT),
            each("VA", "Validity", TEXT),
            each("DR", "DeliveryReport", TEXT),
            each("DY", "DeliveryTime", TEXT),
            each("MC", "MessageCount", TEXT),
            each("DM", "DeliveryMethod", TEXT),
            // gateway-defined: groups
            grouped("GI", "GroupID", TEXT),
            each("SN", "ScreenName", STRUCTURE),
            each("SA", "SName", TEXT),
            each("GR", "GroupProperties", new PropertiesCodec(ValueCodes.NONE)),
            each("OP", "OwnProperties", new PropertiesCodec(ValueCodes.NONE)),
            each("JG", "JoinGroup", TEXT),
            each("JR", "JoinedRequest", TEXT),
            each("SU", "SubscribeNotification", TEXT),
            each("TY", "SubscribeType", TEXT),
            each("WN", "WelcomeNote", STRUCTURE),
            each("UL", "UserList", STRUCTURE),
            each("UM", "UserMapList", STRUCTURE),
            each("JD", "Joined", STRUCTURE),
            each("LT", "Left", STRUCTURE),
            // gateway-defined: blocking
            each("BL", "BlockList", STRUCTURE),
            each("GT", "GrantList", STRUCTURE),
            each("EL", "EntityList", STRUCTURE),
            each("AD", "AddList", STRUCTURE),
            each("RM", "RemoveList", STRUCTURE),
            each("IU", "InUse", TEXT),
            each("BI", "BlockListInUse", TEXT),
            each("GN", "GrantListInUse", TEXT));

    private ElementCodes() {
    }
}
