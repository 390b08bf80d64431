package imps.codec.pts;

import java.util.List;
import java.util.Map;

import static imps.codec.pts.PtsEntry.each;
import static imps.codec.pts.PtsEntry.grouped;
import static java.util.Map.entry;

/**
 * The layout of every primitive that has children (the CSP content models, docs/pts.md §6; where a
 * model is unknown, the children keep their arrival order, grouped by name).
 */
final class PtsLayouts {
    private static final PtsEntry SCHEMA_SH = each("SH", "DigestSchema", TextCodec.PLAIN);
    private static final PtsEntry SCHEMA_DI = each("DI", "DigestSchema", TextCodec.PLAIN);
    private static final PtsEntry DENIED_FUNCTIONS = each("NF", "Functions", FunctionsCodec.INSTANCE);
    /** UI where the content model has User = (UserID, ClientID?) (docs/pts.md §4.2). */
    private static final PtsVocabulary USERS = new PtsVocabulary(grouped("UI", "User", new WrapperCodec("UserID")));

    private static final Map<String, PtsLayout> LAYOUTS = Map.ofEntries(
            // session
            entry("Login-Request", new PtsLayout(new PtsVocabulary(SCHEMA_SH, SCHEMA_DI),
                    List.of("UserID", "ClientID", "TimeToLive", "SessionCookie", "Password", "DigestSchema",
                            "DigestBytes", "SessionID", "CapabilityList", "Functions", "AllFunctionsRequest",
                            "SystemMessageResponseList"),
                    List.of("ClientID", "TimeToLive", "SessionCookie", "Password", "DigestSchema", "DigestBytes",
                            "SessionID", "CapabilityList", "Functions", "AllFunctionsRequest",
                            "SystemMessageResponseList", "UserID"))),
            entry("Login-Response", new PtsLayout(
                    new PtsVocabulary(each("SI", "SessionID", TextCodec.PLAIN), SCHEMA_DI, SCHEMA_SH, DENIED_FUNCTIONS),
                    List.of("ClientID", "Result", "Nonce", "DigestSchema", "SessionID", "KeepAliveTime",
                            "CapabilityRequest", "AgreedCapabilityList", "Functions", "AllFunctions"),
                    List.of("Result", "SessionID", "Nonce", "DigestSchema", "KeepAliveTime", "CapabilityRequest"))),
            entry("ClientCapability-Request", order("ClientID", "CapabilityList")),
            entry("ClientCapability-Response", order("ClientID", "CapabilityList", "AgreedCapabilityList")),
            entry("Service-Request", order("ClientID", "Functions", "AllFunctionsRequest")),
            entry("Service-Response", new PtsLayout(new PtsVocabulary(DENIED_FUNCTIONS),
                    List.of("ClientID", "Functions", "AllFunctions"), List.of())),
            entry("KeepAlive-Request", order("TimeToLive")),
            entry("KeepAlive-Response", order("Result", "KeepAliveTime")),
            entry("Disconnect", order("Result")),
            entry("Status", order("Result", "ClientID")),
            entry("GetSPInfo-Request", order("ClientID")),
            entry("GetSPInfo-Response", order("ClientID", "Name", "Logo", "Description", "URL")),
            // fundamental
            entry("Search-Request", order("SearchPairList", "SearchLimit", "SearchID", "SearchIndex")),
            entry("Search-Response", order("SearchID", "SearchFindings", "CompletionFlag", "SearchIndex", "SearchResult")),
            entry("StopSearch-Request", order("SearchID")),
            entry("Invite-Request", order("InviteID", "InviteType", "Recipient", "GroupID", "PresenceSubList",
                    "URLList", "InviteNote", "ScreenName", "Validity")),
            entry("Invite-Response", order("InviteID", "Acceptance", "Sender", "ResponseNote")),
            entry("InviteUser-Request", order("InviteID", "InviteType", "Sender", "GroupID", "PresenceSubList",
                    "URLList", "InviteNote", "ScreenName", "Validity")),
            entry("InviteUser-Response", order("InviteID", "Acceptance", "Sender", "ResponseNote", "ScreenName")),
            // contact lists; ListManage in the Android engine's XML order
            entry("GetList-Response", new PtsLayout(new PtsVocabulary(each("DL", "DefaultContactList", TextCodec.PLAIN)),
                    List.of("ContactList", "DefaultContactList"), List.of())),
            entry("CreateList-Request", order("ContactList", "NickList", "ContactListProperties")),
            entry("DeleteList-Request", order("ContactList")),
            entry("ListManage-Request", order("ContactList", "ReceiveList", "AddNickList", "RemoveNickList",
                    "ContactListProperties")),
            entry("ListManage-Response", order("Result", "NickList", "ContactListProperties")),
            // presence; SubscribePresence written in the Android engine's order (docs/pts.md §6)
            entry("GetPresence-Request", new PtsLayout(USERS, List.of("User", "ContactList", "PresenceSubList"), List.of())),
            entry("GetPresence-Response", order("Result", "Presence")),
            entry("SubscribePresence-Request", new PtsLayout(USERS,
                    List.of("User", "ContactList", "PresenceSubList", "AutoSubscribe"),
                    List.of("PresenceSubList", "ContactList", "User", "AutoSubscribe"))),
            entry("UnsubscribePresence-Request", new PtsLayout(USERS, List.of("User", "ContactList"), List.of())),
            entry("UpdatePresence-Request", new PtsLayout(
                    new PtsVocabulary(each("UV", "PresenceSubList", AttributeValuesCodec.INSTANCE)),
                    List.of("PresenceSubList"), List.of())),
            entry("PresenceNotification-Request", order("Presence")),
            entry("PresenceAuth-Request", order("UserID", "PresenceSubList")),
            entry("PresenceAuth-User", order("UserID", "Acceptance", "PresenceSubList")),
            entry("CancelAuth-Request", order("UserID")),
            entry("GetReactiveAuthStatus-Response", order("Result")),
            entry("GetWatcherList-Request", order("HistoryPeriod", "MaxWatcherList")),
            entry("GetWatcherList-Response", order("HistoryPeriod", "Watcher")),
            entry("CreateAttributeList-Request", order("PresenceSubList", "UserID", "ContactList", "DefaultList")),
            entry("DeleteAttributeList-Request", order("UserID", "ContactList", "DefaultList")),
            entry("GetAttributeList-Request", new PtsLayout(USERS, List.of("DefaultList", "ContactList", "User"), List.of())),
            entry("GetAttributeList-Response", order("Result", "DefaultAttributeList", "Presence")),
            // instant messaging
            entry("SendMessage-Request", order("DeliveryReport", "MessageInfo", "ContentData")),
            entry("SendMessage-Response", order("Result", "MessageID")),
            entry("NewMessage", order("MessageInfo", "ContentData")),
            entry("MessageDelivered", order("MessageID")),
            entry("MessageNotification", order("MessageInfo")),
            entry("GetMessage-Request", order("MessageID")),
            entry("GetMessage-Response", order("MessageInfo", "ContentData")),
            entry("GetMessageList-Request", order("GroupID", "MessageCount")),
            entry("GetMessageList-Response", order("MessageInfo")),
            entry("RejectMessage-Request", order("MessageID")),
            entry("SetDeliveryMethod-Request", order("DeliveryMethod", "AcceptedContentLength", "GroupID")),
            entry("ForwardMessage-Request", order("MessageID", "Recipient")),
            entry("DeliveryReport-Request", order("Result", "DeliveryTime", "MessageInfo")),
            entry("GetBlockedList-Response", order("BlockListInUse", "GrantListInUse", "BlockList", "GrantList")),
            entry("BlockEntity-Request", order("BlockListInUse", "GrantListInUse", "BlockList", "GrantList")),
            entry("BlockUser-Request", order("BlockList", "GrantList")),
            // groups
            entry("CreateGroup-Request", order("GroupID", "GroupProperties", "JoinGroup", "ScreenName",
                    "SubscribeNotification")),
            entry("DeleteGroup-Request", order("GroupID")),
            entry("JoinGroup-Request", order("GroupID", "ScreenName", "JoinedRequest", "SubscribeNotification",
                    "OwnProperties")),
            entry("JoinGroup-Response", order("Joined", "UserList", "UserMapList", "WelcomeNote")),
            entry("LeaveGroup-Request", order("GroupID")),
            entry("LeaveGroup-Response", order("GroupID", "Result")),
            entry("GetGroupMembers-Request", order("GroupID")),
            entry("GetGroupMembers-Response", order("Admin", "Mod", "Users")),
            entry("GetJoinedUsers-Request", order("GroupID")),
            entry("GetJoinedUsers-Response", order("AdminMapList", "UserMapList")),
            entry("AddGroupMembers-Request", order("GroupID", "UserList")),
            entry("RemoveGroupMembers-Request", order("GroupID", "UserList")),
            entry("MemberAccess-Request", order("GroupID", "Admin", "Mod", "Users")),
            entry("GetGroupProps-Request", order("GroupID")),
            entry("GetGroupProps-Response", order("GroupProperties", "OwnProperties")),
            entry("SetGroupProps-Request", order("GroupID", "GroupProperties", "OwnProperties")),
            entry("Reject-Request", order("GroupID", "AddList", "RemoveList")),
            entry("Reject-Response", order("UserList")),
            entry("SubscribeGroupNotice-Request", order("GroupID", "SubscribeType")),
            entry("SubscribeGroupNotice-Response", order("Value")),
            entry("GroupChangeNotice", order("GroupID", "Joined", "Left", "GroupProperties", "OwnProperties")),
            // CSP 1.3 general notification
            entry("SubscribeNotification-Request", order("NotificationTypeList")),
            entry("UnsubscribeNotification-Request", order("NotificationTypeList")));

    private PtsLayouts() {
    }

    private static PtsLayout order(String... names) {
        return new PtsLayout(PtsVocabulary.EMPTY, List.of(names), List.of());
    }

    /** The layout of a primitive; primitives without children or a known model get none. */
    static PtsLayout of(String primitive) {
        return LAYOUTS.getOrDefault(primitive, PtsLayout.NONE);
    }
}
