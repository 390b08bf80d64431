package imps.codec.wbxml;

import imps.protocol.CspVersion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static imps.protocol.CspVersion.V1_1;
import static imps.protocol.CspVersion.V1_2;
import static imps.protocol.CspVersion.V1_3;

/**
 * The WBXML token tables of CSP 1.1, 1.2 and 1.3 as data: tag code pages, value tokens (EXT_T_0
 * indices), attribute start tokens, integer and date elements, public identifiers (WV-CSP WBXML
 * 1.1/1.2 and OMA-TS-IMPS_CSP_WBXML-V1_3; docs/wbxml.md says how the tables were cross-checked).
 *
 * <p>Each span gives the consecutive tokens that carry the same names from one version to another.
 * Names that CSP 1.3 keeps only for compatibility with 1.2 are listed for 1.3 too, so that a 1.3
 * decoder understands them and a 1.3 encoder has a token for them.
 */
final class CspTokens {
    private CspTokens() {
    }

    /** Consecutive tokens from {@code first} on one code page (tags) or in the value table, valid from {@code since} to {@code until}. */
    record Span(int page, CspVersion since, CspVersion until, int first, List<String> names) {
        boolean covers(CspVersion v) {
            return v.atLeast(since) && until.atLeast(v);
        }
    }

    static final List<Span> TAGS = List.of(
            // code page 0x00: Common
            tags(0x00, V1_1, V1_3, 0x05, "Acceptance", "AddList", "AddNickList", "SName", "WV-CSP-Message", "ClientID",
                    "Code", "ContactList", "ContentData", "ContentEncoding", "ContentSize", "ContentType", "DateTime",
                    "Description", "DetailedResult", "EntityList", "Group", "GroupID", "GroupList", "InUse", "Logo",
                    "MessageCount", "MessageID", "MessageURI", "MSISDN", "Name", "NickList", "NickName", "Poll",
                    "Presence", "PresenceSubList", "PresenceValue", "Property", "Qualifier", "Recipient", "RemoveList",
                    "RemoveNickList", "Result", "ScreenName", "Sender", "Session", "SessionDescriptor", "SessionID",
                    "SessionType", "Status", "Transaction", "TransactionContent", "TransactionDescriptor",
                    "TransactionID", "TransactionMode", "URL", "URLList", "User", "UserID", "UserList", "Validity",
                    "Value"),
            // code page 0x01: Access
            tags(0x01, V1_1, V1_3, 0x05, "AllFunctions", "AllFunctionsRequest", "CancelInvite-Request",
                    "CancelInviteUser-Request"),
            tags(0x01, V1_1, V1_2, 0x09, "Capability"),
            tags(0x01, V1_1, V1_3, 0x0A, "CapabilityList", "CapabilityRequest", "ClientCapability-Request",
                    "ClientCapability-Response", "DigestBytes", "DigestSchema", "Disconnect", "Functions",
                    "GetSPInfo-Request", "GetSPInfo-Response", "InviteID", "InviteNote", "Invite-Request",
                    "Invite-Response", "InviteType", "InviteUser-Request", "InviteUser-Response", "KeepAlive-Request",
                    "KeepAliveTime", "Login-Request", "Login-Response", "Logout-Request", "Nonce", "Password",
                    "Polling-Request", "ResponseNote", "SearchElement", "SearchFindings", "SearchID", "SearchIndex",
                    "SearchLimit", "KeepAlive-Response", "SearchPairList", "Search-Request", "Search-Response",
                    "SearchResult", "Service-Request", "Service-Response", "SessionCookie", "StopSearch-Request",
                    "TimeToLive", "SearchString", "CompletionFlag"),
            tags(0x01, V1_2, V1_3, 0x36, "ReceiveList", "VerifyID-Request", "Extended-Request", "Extended-Response",
                    "AgreedCapabilityList", "ExtendedData", "OtherServer", "PresenceAttributeNSName", "SessionNSName",
                    "TransactionNSName"),
            // code page 0x02: Service
            tags(0x02, V1_1, V1_3, 0x05, "ADDGM", "AttListFunc", "BLENT", "CAAUT", "CAINV"),
            tags(0x02, V1_1, V1_2, 0x0A, "CALI"),
            tags(0x02, V1_1, V1_3, 0x0B, "CCLI", "ContListFunc", "CREAG", "DALI", "DCLI", "DELGR", "FundamentalFeat",
                    "FWMSG"),
            tags(0x02, V1_1, V1_2, 0x13, "GALS"),
            tags(0x02, V1_1, V1_3, 0x14, "GCLI", "GETGM", "GETGP", "GETLM", "GETM", "GETPR", "GETSPI", "GETWL",
                    "GLBLU", "GRCHN", "GroupAuthFunc", "GroupFeat", "GroupMgmtFunc", "GroupUseFunc", "IMAuthFunc",
                    "IMFeat", "IMReceiveFunc", "IMSendFunc", "INVIT", "InviteFunc", "MBRAC", "MCLS", "MDELIV", "NEWM",
                    "NOTIF", "PresenceAuthFunc", "PresenceDeliverFunc", "PresenceFeat", "REACT", "REJCM", "REJEC",
                    "RMVGM", "SearchFunc", "ServiceFunc", "SETD", "SETGP", "SRCH", "STSRC", "SUBGCN", "UPDPR",
                    "WVCSPFeat"),
            tags(0x02, V1_2, V1_3, 0x3D, "MF", "MG", "MM"),
            // code page 0x03: Client capability
            tags(0x03, V1_1, V1_3, 0x05, "AcceptedCharset", "AcceptedContentLength", "AcceptedContentType",
                    "AcceptedTransferEncoding", "AnyContent", "DefaultLanguage", "InitialDeliveryMethod", "MultiTrans",
                    "ParserSize", "ServerPollMin", "SupportedBearer", "SupportedCIRMethod", "TCPAddress", "TCPPort",
                    "UDPPort"),
            tags(0x03, V1_2, V1_2, 0x14, "CIRURL"),
            tags(0x03, V1_3, V1_3, 0x14, "CIRHTTPAddress", "UDPAddress", "AcceptedPullLength", "AcceptedPushLength",
                    "AcceptedRichContentLength", "AcceptedTextContentLength", "OfflineETEMHandling",
                    "PlainTextCharset", "SessionPriority", "SupportedOfflineBearer"),
            tags(0x03, V1_3, V1_3, 0x1F, "UserSessionLimit", "CIRSMSAddress", "MultiTransPerMessage",
                    "OnlineETEMHandling", "ContentPolicy", "ContentPolicyLimit"),
            // code page 0x04: Presence primitive
            tags(0x04, V1_1, V1_3, 0x05, "CancelAuth-Request", "ContactListProperties", "CreateAttributeList-Request",
                    "CreateList-Request", "DefaultAttributeList", "DefaultContactList", "DefaultList",
                    "DeleteAttributeList-Request", "DeleteList-Request", "GetAttributeList-Request",
                    "GetAttributeList-Response", "GetList-Request", "GetList-Response", "GetPresence-Request",
                    "GetPresence-Response", "GetWatcherList-Request", "GetWatcherList-Response", "ListManage-Request",
                    "ListManage-Response", "UnsubscribePresence-Request", "PresenceAuth-Request", "PresenceAuth-User",
                    "PresenceNotification-Request", "UpdatePresence-Request", "SubscribePresence-Request"),
            tags(0x04, V1_2, V1_3, 0x1E, "AutoSubscribe", "GetReactiveAuthStatus-Request",
                    "GetReactiveAuthStatus-Response"),
            tags(0x04, V1_3, V1_3, 0x21, "CreateList-Response"),
            // code page 0x05: Presence attribute
            tags(0x05, V1_1, V1_3, 0x05, "Accuracy", "Address", "AddrPref", "Alias", "Altitude", "Building", "Caddr",
                    "City", "ClientInfo", "ClientProducer", "ClientType", "ClientVersion", "CommC", "CommCap",
                    "ContactInfo", "ContainedvCard", "Country", "Crossing1", "Crossing2", "DevManufacturer",
                    "DirectContent", "FreeTextLocation", "GeoLocation", "Language", "Latitude", "Longitude", "Model",
                    "NamedArea", "OnlineStatus", "PLMN", "PrefC", "PreferredContacts", "PreferredLanguage",
                    "ReferredContent", "ReferredvCard", "Registration", "StatusContent", "StatusMood", "StatusText",
                    "Street", "TimeZone", "UserAvailability", "Cap", "Cname", "Contact", "Cpriority", "Cstatus",
                    "Note", "Zone"),
            tags(0x05, V1_2, V1_3, 0x36, "ContentType", "Inf_link", "InfoLink", "Link", "Text"),
            tags(0x05, V1_3, V1_3, 0x3B, "ClientContentLimit", "ClientIMPriority", "MaxPullLength", "MaxPushLength"),
            // code page 0x06: Messaging
            tags(0x06, V1_1, V1_3, 0x05, "BlockList"),
            tags(0x06, V1_1, V1_1, 0x06, "BlockUser-Request"),
            tags(0x06, V1_2, V1_3, 0x06, "BlockEntity-Request"),
            tags(0x06, V1_1, V1_3, 0x07, "DeliveryMethod", "DeliveryReport", "DeliveryReport-Request",
                    "ForwardMessage-Request", "GetBlockedList-Request", "GetBlockedList-Response",
                    "GetMessageList-Request", "GetMessageList-Response", "GetMessage-Request", "GetMessage-Response",
                    "GrantList", "MessageDelivered", "MessageInfo", "MessageNotification", "NewMessage",
                    "RejectMessage-Request", "SendMessage-Request", "SendMessage-Response",
                    "SetDeliveryMethod-Request", "DeliveryTime"),
            tags(0x06, V1_3, V1_3, 0x20, "MessageInfoList", "ForwardMessage-Response"),
            // code page 0x07: Group
            tags(0x07, V1_1, V1_3, 0x05, "AddGroupMembers-Request", "Admin", "CreateGroup-Request",
                    "DeleteGroup-Request", "GetGroupMembers-Request", "GetGroupMembers-Response",
                    "GetGroupProps-Request", "GetGroupProps-Response", "GroupChangeNotice", "GroupProperties",
                    "Joined", "JoinedRequest", "JoinGroup-Request", "JoinGroup-Response", "LeaveGroup-Request",
                    "LeaveGroup-Response", "Left", "MemberAccess-Request", "Mod", "OwnProperties",
                    "RejectList-Request", "RejectList-Response", "RemoveGroupMembers-Request", "SetGroupProps-Request",
                    "SubscribeGroupNotice-Request", "SubscribeGroupNotice-Response", "Users", "WelcomeNote",
                    "JoinGroup", "SubscribeNotification", "SubscribeType"),
            tags(0x07, V1_2, V1_3, 0x24, "GetJoinedUsers-Request", "GetJoinedUsers-Response", "AdminMapList",
                    "AdminMapping", "Mapping", "ModMapping", "UserMapList", "UserMapping"),
            tags(0x07, V1_3, V1_3, 0x2C, "JoinedBlocked", "LeftBlocked"),
            // code page 0x08: Service (continued)
            tags(0x08, V1_2, V1_3, 0x05, "MP", "GETAUT", "GETJU", "VRID", "VerifyIDFunc"),
            tags(0x08, V1_3, V1_3, 0x0A, "GETMAP", "SGMNT", "EXCON", "OFFNOTIF", "ADVSR"),
            // code page 0x09: Common (continued)
            tags(0x09, V1_2, V1_3, 0x05, "CIR", "Domain", "ExtBlock", "HistoryPeriod", "IDList", "MaxWatcherList"),
            tags(0x09, V1_2, V1_2, 0x0B, "ReactiveAuthState", "ReactiveAuthStatus", "ReactiveAuthStatusList"),
            tags(0x09, V1_3, V1_3, 0x0B, "AnswerOptionText"),
            tags(0x09, V1_2, V1_3, 0x0E, "Watcher", "WatcherStatus"),
            tags(0x09, V1_3, V1_3, 0x10, "Font", "Size", "Style", "Color", "ContentName", "Map", "NotificationType",
                    "NotificationTypeList", "FriendlyName", "ClearPublicProfile", "PublicProfile", "AnswerOption",
                    "AnswerOptionID", "AnswerOptions", "ApplicationID", "AuthorizeAndGrant", "ChosenOptionID",
                    "ContactListNotify", "DefaultNotify", "ExtendConversationUser", "InText", "SegmentCount",
                    "SegmentID", "SegmentInfo", "SegmentReference", "SystemMessage", "SystemMessageID",
                    "SystemMessageList", "SystemMessageResponse", "SystemMessageResponseList"),
            tags(0x09, V1_3, V1_3, 0x2F, "SystemMessageText", "TryAgainTimeout", "UserNotify", "VerificationKey",
                    "VerificationMechanism", "GetMap-Request", "GetMap-Response", "ExtendConversationID",
                    "WatcherCount", "RequiresResponse", "ExtBlockETEM", "GroupContentLimit", "MessageTotalCount",
                    "UnrecognizedUserID", "UserIDPair", "ValidUserID", "UserIDList"),
            // code page 0x0A: Access (continued)
            tags(0x0A, V1_2, V1_3, 0x05, "WV-CSP-VersionDiscovery-Request", "WV-CSP-VersionDiscovery-Response",
                    "VersionList"),
            tags(0x0A, V1_3, V1_3, 0x08, "SubscribeNotification-Request", "UnsubscribeNotification-Request",
                    "Notification-Request", "AdvancedCriteria", "PairID", "GetPublicProfile-Request",
                    "GetPublicProfile-Response", "UpdatePublicProfile-Request", "DropSegment-Request",
                    "ExtendConversation-Response", "ExtendConversation-Request", "GetSegment-Request",
                    "GetSegment-Response", "SystemMessage-Request", "SystemMessage-User", "SearchPair",
                    "SegmentContent"),
            // code page 0x0B: Common (continued 2)
            tags(0x0B, V1_3, V1_3, 0x05, "GrantListInUse", "BlockListInUse", "ContactListIDList", "AnswerOptionsText"));

    /** Value tokens: EXT_T_0 followed by the index (not a string-table offset; CSP redefines EXT_T_0). */
    static final List<Span> VALUES = List.of(
            values(V1_1, V1_3, 0x00, "AccessType", "ActiveUsers", "Admin", "application/",
                    "application/vnd.wap.mms-message", "application/x-sms", "AutoJoin", "BASE64", "Closed", "Default",
                    "DisplayName", "F", "G", "GR", "http://", "https://", "image/", "Inband", "IM", "MaxActiveUsers",
                    "Mod", "Name", "None", "N", "Open", "Outband", "PR", "Private", "PrivateMessaging",
                    "PrivilegeLevel", "Public", "P", "Request", "Response", "Restricted", "ScreenName", "Searchable",
                    "S", "SC", "text/", "text/plain", "text/x-vCalendar", "text/x-vCard", "Topic", "T", "Type", "U",
                    "US", "www.wireless-village.org"),
            values(V1_2, V1_3, 0x31, "AutoDelete", "GM", "Validity", "DENIED", "GRANTED", "PENDING", "ShowID"),
            values(V1_3, V1_3, 0x38, "RequireInvitation", "Tiny", "PPU", "SPA", "ANC"),
            values(V1_1, V1_3, 0x3D, "GROUP_ID", "GROUP_NAME", "GROUP_TOPIC", "GROUP_USER_ID_JOINED",
                    "GROUP_USER_ID_OWNER", "HTTP", "SMS", "STCP", "SUDP", "USER_ALIAS", "USER_EMAIL_ADDRESS",
                    "USER_FIRST_NAME", "USER_ID", "USER_LAST_NAME", "USER_MOBILE_NUMBER", "USER_ONLINE_STATUS",
                    "WAPSMS", "WAPUDP", "WSP"),
            values(V1_2, V1_3, 0x50, "GROUP_USER_ID_AUTOJOIN"),
            values(V1_3, V1_3, 0x51, "AND", "AC", "BLC", "BLUC", "CLCR", "CLD", "GC", "GD", "GLC", "ANU"),
            values(V1_1, V1_3, 0x5B, "ANGRY", "ANXIOUS", "ASHAMED"),
            values(V1_1, V1_2, 0x5E, "AUDIO_CALL"),
            values(V1_1, V1_3, 0x5F, "AVAILABLE", "BORED", "CALL", "CLI", "COMPUTER", "DISCREET", "EMAIL", "EXCITED",
                    "HAPPY"),
            values(V1_1, V1_1, 0x68, "IM"),
            values(V1_3, V1_3, 0x68, "AP"),
            values(V1_1, V1_2, 0x69, "IM_OFFLINE", "IM_ONLINE"),
            values(V1_1, V1_3, 0x6B, "IN_LOVE", "INVINCIBLE", "JEALOUS", "MMS", "MOBILE_PHONE", "NOT_AVAILABLE",
                    "OTHER", "PDA", "SAD", "SLEEPY", "SMS"),
            values(V1_1, V1_2, 0x76, "VIDEO_CALL", "VIDEO_STREAM"),
            values(V1_3, V1_3, 0x78, "www.openmobilealliance.org", "Small", "Medium", "Big", "Huge", "Bold", "Italic",
                    "Underline", "Black", "Silver", "Gray", "White", "Maroon", "Red", "Purple", "Fuchsia", "Green",
                    "Lime", "Olive", "Yellow", "Navy", "Blue", "Teal", "Aqua", "ATCL", "CLC"),
            values(V1_3, V1_3, 0x93, "USER_CITY", "USER_COUNTRY", "USER_FRIENDLY_NAME", "USER_GENDER",
                    "USER_INTENTION", "USER_INTERESTS_HOBBIES", "USER_MARITAL_STATUS", "PRIORITYREJECT",
                    "PRIORITYSTORE", "REJECT", "SENDREJECT", "SENDSTORE", "IR", "EC", "GLUC", "IA", "IC"),
            values(V1_2, V1_3, 0xA4, "SSMS", "SHTTP"),
            values(V1_3, V1_3, 0xA6, "DoNotNotify", "GMAU", "GMG", "GMR", "GMU", "DETECT", "FORKALL", "OEU",
                    "SERVERLOGIC", "PP_AGE", "PP_CITY", "PP_COUNTRY", "PP_FRIENDLY_NAME", "PP_FREE_TEXT", "PP_GENDER",
                    "PP_INTENTION", "PP_INTERESTS", "PP_MARITAL_STATUS", "USER_AGE_MAX", "USER_AGE_MIN", "EG",
                    "MinimumAge", "C", "CURRENT_SUBSCRIBER", "FORMER_SUBSCRIBER", "PRESENCE_ACCESS", "R"));

    /**
     * Elements whose content is an integer, sent as OPAQUE of 1–4 bytes, big-endian, per version
     * (OMA-TS-IMPS_CSP_WBXML-V1_3 and its 1.1/1.2 predecessors). The encoder writes these as
     * integers; the decoder reads OPAQUE as an integer in any element of {@link #INTEGERS_READ}.
     */
    static final Set<String> INTEGERS_1_1 = Set.of("Code", "ContentSize", "MessageCount", "Validity", "KeepAliveTime",
            "TimeToLive", "AcceptedContentLength", "MultiTrans", "ParserSize", "ServerPollMin", "TCPPort", "UDPPort");

    static final Set<String> INTEGERS_1_2 = union(INTEGERS_1_1, Set.of("HistoryPeriod", "MaxWatcherList"));

    /** 1.3 drops AcceptedContentLength (the element itself is obsolete) and adds the 1.3 counters and lengths. */
    static final Set<String> INTEGERS_1_3 = union(without(INTEGERS_1_2, "AcceptedContentLength"), Set.of(
            "SearchFindings", "SearchIndex", "SearchLimit", "AcceptedPullLength", "AcceptedPushLength",
            "AcceptedRichContentLength", "AcceptedTextContentLength", "PlainTextCharset", "SessionPriority",
            "UserSessionLimit", "MultiTransPerMessage", "ContentPolicyLimit", "SegmentCount", "SegmentReference",
            "TryAgainTimeout", "GroupContentLimit", "MessageTotalCount", "PairID", "AnswerOptionID", "ChosenOptionID",
            "WatcherCount"));

    /**
     * Read as integers when they come as OPAQUE, in every version: the lists above plus the 1.3
     * elements that some implementations also send as integers.
     */
    static final Set<String> INTEGERS_READ = union(union(INTEGERS_1_2, INTEGERS_1_3),
            Set.of("SearchID", "ClientIMPriority", "MaxPullLength", "MaxPushLength"));

    /** Date-time elements, sent as OPAQUE of 6 bytes (see {@link OpaqueValues}). */
    static final Set<String> DATE_TIMES = Set.of("DateTime", "DeliveryTime");

    /** Attribute start tokens on attribute code page 0: all are {@code xmlns} with a value prefix; the version suffix follows inline. */
    static final List<String> NAMESPACE_PREFIXES = List.of(
            "http://www.wireless-village.org/CSP",
            "http://www.wireless-village.org/PA",
            "http://www.wireless-village.org/TRC",
            "http://www.openmobilealliance.org/DTD/WV-CSP",
            "http://www.openmobilealliance.org/DTD/WV-PA",
            "http://www.openmobilealliance.org/DTD/WV-TRC",
            "http://www.openmobilealliance.org/DTD/IMPS-CSP",
            "http://www.openmobilealliance.org/DTD/IMPS-PA",
            "http://www.openmobilealliance.org/DTD/IMPS-TRC");

    /** The token of the first entry of {@link #NAMESPACE_PREFIXES}. */
    static final int FIRST_NAMESPACE_TOKEN = 0x05;

    /** Public identifiers in the WBXML header; 0x0F was WV-CSP 1.0. */
    static final int PUBLIC_ID_1_0 = 0x0F;

    static int publicId(CspVersion v) {
        return switch (v) {
            case V1_1 -> 0x10;
            case V1_2 -> 0x11;
            case V1_3 -> 0x12;
        };
    }

    /** The public identifiers written as strings (in the string table) for each version; 1.1 has two in use. */
    static List<String> literalPublicIds(CspVersion v) {
        return switch (v) {
            case V1_1 -> List.of("-//WIRELESSVILLAGE//DTD CSP 1.1//EN", "-//OMA//DTD WV-CSP 1.1//EN");
            case V1_2 -> List.of("-//OMA//DTD WV-CSP 1.2//EN");
            case V1_3 -> List.of("-//OMA//DTD IMPS-CSP 1.3//EN");
        };
    }

    static final String LITERAL_PUBLIC_ID_1_0 = "-//WIRELESSVILLAGE//DTD CSP 1.0//EN";

    /** The namespace a WV-CSP 1.0 document has, for answering it with 505. */
    static final String NAMESPACE_1_0 = "http://www.wireless-village.org/CSP1.0";

    private static Span tags(int page, CspVersion since, CspVersion until, int first, String... names) {
        return new Span(page, since, until, first, List.of(names));
    }

    private static Span values(CspVersion since, CspVersion until, int first, String... names) {
        return new Span(-1, since, until, first, List.of(names));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static Set<String> without(Set<String> a, String name) {
        Set<String> rest = new HashSet<>(a);
        rest.remove(name);
        return Set.copyOf(rest);
    }
}
