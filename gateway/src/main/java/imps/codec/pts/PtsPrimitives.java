package imps.codec.pts;

import imps.codec.pts.PtsPrimitive.Direction;
import imps.codec.pts.PtsPrimitive.Source;
import imps.protocol.TransactionMode;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static imps.codec.pts.PtsPrimitive.Direction.BOTH;
import static imps.codec.pts.PtsPrimitive.Direction.CLIENT_TO_SERVER;
import static imps.codec.pts.PtsPrimitive.Direction.SERVER_TO_CLIENT;
import static imps.protocol.TransactionMode.REQUEST;
import static imps.protocol.TransactionMode.RESPONSE;

/**
 * The primitive codes: the Android engine's (docs/pts.md §3) and, for every other primitive the gateway
 * knows, codes of its own. Those follow the observed pattern (a response code is its request code
 * reversed) and every code is unique, so the code alone gives primitive and TransactionMode.
 * docs/pts.md has the table.
 */
final class PtsPrimitives {
    private static final List<PtsPrimitive> ALL = List.of(
            android("LR", "Login-Request", REQUEST, CLIENT_TO_SERVER),
            android("RL", "Login-Response", RESPONSE, SERVER_TO_CLIENT),
            android("CP", "ClientCapability-Request", REQUEST, CLIENT_TO_SERVER),
            android("PC", "ClientCapability-Response", RESPONSE, SERVER_TO_CLIENT),
            android("SQ", "Service-Request", REQUEST, CLIENT_TO_SERVER),
            android("QS", "Service-Response", RESPONSE, SERVER_TO_CLIENT),
            android("KA", "KeepAlive-Request", REQUEST, CLIENT_TO_SERVER),
            android("AK", "KeepAlive-Response", RESPONSE, SERVER_TO_CLIENT),
            android("PO", "Polling-Request", REQUEST, CLIENT_TO_SERVER),
            android("OR", "Logout-Request", REQUEST, CLIENT_TO_SERVER),
            android("DI", "Disconnect", REQUEST, SERVER_TO_CLIENT),
            android("ST", "Status", RESPONSE, BOTH),
            android("GL", "GetList-Request", REQUEST, CLIENT_TO_SERVER),
            android("LG", "GetList-Response", RESPONSE, SERVER_TO_CLIENT),
            android("CL", "CreateList-Request", REQUEST, CLIENT_TO_SERVER),
            android("DL", "DeleteList-Request", REQUEST, CLIENT_TO_SERVER),
            android("LM", "ListManage-Request", REQUEST, CLIENT_TO_SERVER),
            android("ML", "ListManage-Response", RESPONSE, SERVER_TO_CLIENT),
            android("GP", "GetPresence-Request", REQUEST, CLIENT_TO_SERVER),
            android("PG", "GetPresence-Response", RESPONSE, SERVER_TO_CLIENT),
            android("SB", "SubscribePresence-Request", REQUEST, CLIENT_TO_SERVER),
            android("UP", "UpdatePresence-Request", REQUEST, CLIENT_TO_SERVER),
            android("PN", "PresenceNotification-Request", REQUEST, SERVER_TO_CLIENT),
            android("GB", "GetBlockedList-Request", REQUEST, CLIENT_TO_SERVER),
            android("CA", "CreateAttributeList-Request", REQUEST, CLIENT_TO_SERVER),

            gateway("BG", "GetBlockedList-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("GS", "GetSPInfo-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("SG", "GetSPInfo-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("SR", "Search-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("RS", "Search-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("SP", "StopSearch-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("IR", "Invite-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("RI", "Invite-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("IA", "Invite-Response", REQUEST, SERVER_TO_CLIENT),
            gateway("IU", "InviteUser-Request", REQUEST, SERVER_TO_CLIENT),
            gateway("UI", "InviteUser-Response", REQUEST, CLIENT_TO_SERVER),
            gateway("CI", "CancelInvite-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("VI", "VerifyID-Request", REQUEST, CLIENT_TO_SERVER),

            gateway("US", "UnsubscribePresence-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("GW", "GetWatcherList-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("WG", "GetWatcherList-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("PA", "PresenceAuth-Request", REQUEST, SERVER_TO_CLIENT),
            gateway("AU", "PresenceAuth-User", REQUEST, CLIENT_TO_SERVER),
            gateway("CU", "CancelAuth-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("GR", "GetReactiveAuthStatus-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("RG", "GetReactiveAuthStatus-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("DA", "DeleteAttributeList-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("GA", "GetAttributeList-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("AG", "GetAttributeList-Response", RESPONSE, SERVER_TO_CLIENT),

            gateway("SM", "SendMessage-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("MS", "SendMessage-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("NM", "NewMessage", REQUEST, SERVER_TO_CLIENT),
            gateway("MN", "MessageDelivered", RESPONSE, CLIENT_TO_SERVER),
            gateway("MD", "MessageDelivered", REQUEST, CLIENT_TO_SERVER),
            gateway("MO", "MessageNotification", REQUEST, SERVER_TO_CLIENT),
            gateway("GM", "GetMessage-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("MG", "GetMessage-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("GI", "GetMessageList-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("IG", "GetMessageList-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("RM", "RejectMessage-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("SD", "SetDeliveryMethod-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("FM", "ForwardMessage-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("DR", "DeliveryReport-Request", REQUEST, SERVER_TO_CLIENT),
            gateway("BE", "BlockEntity-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("BU", "BlockUser-Request", REQUEST, CLIENT_TO_SERVER),

            gateway("CG", "CreateGroup-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("DG", "DeleteGroup-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("JG", "JoinGroup-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("GJ", "JoinGroup-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("LV", "LeaveGroup-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("VL", "LeaveGroup-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("LF", "LeaveGroup-Response", REQUEST, SERVER_TO_CLIENT),
            gateway("GE", "GetGroupMembers-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("EG", "GetGroupMembers-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("JU", "GetJoinedUsers-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("UJ", "GetJoinedUsers-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("AM", "AddGroupMembers-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("RB", "RemoveGroupMembers-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("MA", "MemberAccess-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("GO", "GetGroupProps-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("OG", "GetGroupProps-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("SO", "SetGroupProps-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("RJ", "Reject-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("JR", "Reject-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("SN", "SubscribeGroupNotice-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("NS", "SubscribeGroupNotice-Response", RESPONSE, SERVER_TO_CLIENT),
            gateway("GC", "GroupChangeNotice", REQUEST, SERVER_TO_CLIENT),

            gateway("SF", "SubscribeNotification-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("UF", "UnsubscribeNotification-Request", REQUEST, CLIENT_TO_SERVER),
            gateway("NR", "Notification-Request", REQUEST, SERVER_TO_CLIENT),
            gateway("SY", "SystemMessage-Request", REQUEST, SERVER_TO_CLIENT),
            gateway("SU", "SystemMessage-User", REQUEST, CLIENT_TO_SERVER));

    private static final Map<String, PtsPrimitive> BY_CODE = new HashMap<>();
    private static final Map<String, PtsPrimitive> BY_ELEMENT = new HashMap<>();

    static {
        for (PtsPrimitive p : ALL) {
            if (BY_CODE.put(p.code(), p) != null || BY_ELEMENT.put(p.name() + '/' + p.mode(), p) != null) {
                throw new IllegalStateException("PTS primitive code table repeats " + p);
            }
        }
    }

    private PtsPrimitives() {
    }

    private static PtsPrimitive android(String code, String name, TransactionMode mode, Direction direction) {
        return new PtsPrimitive(code, name, mode, direction, Source.ANDROID);
    }

    private static PtsPrimitive gateway(String code, String name, TransactionMode mode, Direction direction) {
        return new PtsPrimitive(code, name, mode, direction, Source.GATEWAY);
    }

    /** The primitive of a code (case-insensitive); null when there is none. */
    static PtsPrimitive byCode(String code) {
        return BY_CODE.get(code.toUpperCase(Locale.ROOT));
    }

    /** The code for a primitive element sent in a mode; null when PTS has none. */
    static PtsPrimitive forElement(String name, TransactionMode mode) {
        return BY_ELEMENT.get(name + '/' + mode);
    }
}
