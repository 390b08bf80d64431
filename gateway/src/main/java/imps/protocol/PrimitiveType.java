package imps.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-initiated request primitives of CSP 1.1–1.3 and what the Status rules need to know about
 * each (OMA-TS-IMPS_CSP-V1_3 §6.1): the name of its specific response (null when it is answered with
 * Status) and whether that response has a Result slot. {@code leaf} is the service-negotiation function
 * leaf that grants the primitive (OMA-TS-IMPS_CSP, Service and Capability Negotiation; docs/services.md
 * §1); null for session primitives that need no negotiation. A primitive that exists only in some CSP
 * versions names the first and last of them (as the token tables of OMA-TS-IMPS_CSP_WBXML show): in
 * other versions it is not understood.
 */
public enum PrimitiveType {
    LOGIN("Login-Request", "Login-Response", true, null),
    LOGOUT("Logout-Request", null, false, null),
    KEEP_ALIVE("KeepAlive-Request", "KeepAlive-Response", true, null),
    POLLING("Polling-Request", null, false, null),
    SERVICE("Service-Request", "Service-Response", false, null),
    CLIENT_CAPABILITY("ClientCapability-Request", "ClientCapability-Response", false, null),
    GET_SP_INFO("GetSPInfo-Request", "GetSPInfo-Response", false, "GETSPI"),

    SEARCH("Search-Request", "Search-Response", false, "SRCH"),
    STOP_SEARCH("StopSearch-Request", null, false, "STSRC"),
    INVITE("Invite-Request", "Invite-Response", false, "INVIT"),
    CANCEL_INVITE("CancelInvite-Request", null, false, "CAINV"),
    VERIFY_ID("VerifyID-Request", null, false, "VRID", CspVersion.V1_2, CspVersion.V1_3),

    GET_LIST("GetList-Request", "GetList-Response", false, "GCLI"),
    CREATE_LIST("CreateList-Request", null, false, "CCLI"),
    DELETE_LIST("DeleteList-Request", null, false, "DCLI"),
    LIST_MANAGE("ListManage-Request", "ListManage-Response", true, "MCLS"),
    GET_WATCHER_LIST("GetWatcherList-Request", "GetWatcherList-Response", false, "GETWL"),
    PRESENCE_AUTH_USER("PresenceAuth-User", null, false, "REACT", CspVersion.V1_1, CspVersion.V1_2),
    CANCEL_AUTH("CancelAuth-Request", null, false, "CAAUT", CspVersion.V1_1, CspVersion.V1_2),
    GET_REACTIVE_AUTH_STATUS("GetReactiveAuthStatus-Request", "GetReactiveAuthStatus-Response", true, "GETAUT",
            CspVersion.V1_2, CspVersion.V1_2),
    GET_PRESENCE("GetPresence-Request", "GetPresence-Response", true, "GETPR"),
    UPDATE_PRESENCE("UpdatePresence-Request", null, false, "UPDPR"),
    SUBSCRIBE_PRESENCE("SubscribePresence-Request", null, false, "GETPR"),
    UNSUBSCRIBE_PRESENCE("UnsubscribePresence-Request", null, false, "GETPR"),
    CREATE_ATTRIBUTE_LIST("CreateAttributeList-Request", null, false, "CALI", CspVersion.V1_1, CspVersion.V1_2),
    DELETE_ATTRIBUTE_LIST("DeleteAttributeList-Request", null, false, "DALI", CspVersion.V1_1, CspVersion.V1_2),
    GET_ATTRIBUTE_LIST("GetAttributeList-Request", "GetAttributeList-Response", true, "GALS",
            CspVersion.V1_1, CspVersion.V1_2),

    SEND_MESSAGE("SendMessage-Request", "SendMessage-Response", true, "MDELIV"),
    FORWARD_MESSAGE("ForwardMessage-Request", null, false, "FWMSG"),
    SET_DELIVERY_METHOD("SetDeliveryMethod-Request", null, false, "SETD"),
    GET_MESSAGE_LIST("GetMessageList-Request", "GetMessageList-Response", false, "GETLM"),
    GET_MESSAGE("GetMessage-Request", "GetMessage-Response", false, "GETM"),
    REJECT_MESSAGE("RejectMessage-Request", null, false, "REJCM"),
    MESSAGE_DELIVERED("MessageDelivered", null, false, "GETM"),
    GET_BLOCKED_LIST("GetBlockedList-Request", "GetBlockedList-Response", false, "GLBLU"),
    BLOCK_ENTITY("BlockEntity-Request", null, false, "BLENT"),
    BLOCK_USER("BlockUser-Request", null, false, "BLENT"),

    CREATE_GROUP("CreateGroup-Request", null, false, "CREAG"),
    DELETE_GROUP("DeleteGroup-Request", null, false, "DELGR"),
    GET_GROUP_PROPS("GetGroupProps-Request", "GetGroupProps-Response", false, "GETGP"),
    SET_GROUP_PROPS("SetGroupProps-Request", null, false, "SETGP"),
    JOIN_GROUP("JoinGroup-Request", "JoinGroup-Response", false, null),
    LEAVE_GROUP("LeaveGroup-Request", "LeaveGroup-Response", true, null),
    SUBSCRIBE_GROUP_NOTICE("SubscribeGroupNotice-Request", "SubscribeGroupNotice-Response", false, "SUBGCN"),
    GET_JOINED_USERS("GetJoinedUsers-Request", "GetJoinedUsers-Response", false, "GETJU", CspVersion.V1_2, CspVersion.V1_3),
    GET_GROUP_MEMBERS("GetGroupMembers-Request", "GetGroupMembers-Response", false, "GETGM"),
    ADD_GROUP_MEMBERS("AddGroupMembers-Request", null, false, "ADDGM"),
    REMOVE_GROUP_MEMBERS("RemoveGroupMembers-Request", null, false, "RMVGM"),
    MEMBER_ACCESS("MemberAccess-Request", null, false, "MBRAC"),
    REJECT_LIST("Reject-Request", "Reject-Response", false, "REJEC"),

    SUBSCRIBE_NOTIFICATION("SubscribeNotification-Request", null, false, null, CspVersion.V1_3, CspVersion.V1_3),
    UNSUBSCRIBE_NOTIFICATION("UnsubscribeNotification-Request", null, false, null, CspVersion.V1_3, CspVersion.V1_3);

    private static final Map<String, PrimitiveType> BY_REQUEST_NAME = new HashMap<>();

    static {
        for (PrimitiveType t : values()) {
            BY_REQUEST_NAME.put(t.requestName, t);
        }
    }

    /** Session primitives that are allowed before service negotiation has been completed. */
    private static final List<PrimitiveType> SESSION_PRIMITIVES =
            List.of(LOGIN, LOGOUT, KEEP_ALIVE, POLLING, SERVICE, CLIENT_CAPABILITY);

    private final String requestName;
    private final String responseName;
    private final boolean responseHasResult;
    private final String leaf;
    private final CspVersion since;
    private final CspVersion until;

    PrimitiveType(String requestName, String responseName, boolean responseHasResult, String leaf) {
        this(requestName, responseName, responseHasResult, leaf, CspVersion.V1_1, CspVersion.V1_3);
    }

    PrimitiveType(String requestName, String responseName, boolean responseHasResult, String leaf,
                  CspVersion since, CspVersion until) {
        this.requestName = requestName;
        this.responseName = responseName;
        this.responseHasResult = responseHasResult;
        this.leaf = leaf;
        this.since = since;
        this.until = until;
    }

    public String requestName() {
        return requestName;
    }

    /** The specific response's name, or null when the request is always answered with Status. */
    public String responseName() {
        return responseName;
    }

    public boolean responseHasResult() {
        return responseHasResult;
    }

    public String leaf() {
        return leaf;
    }

    /** Whether the primitive is part of CSP version {@code v}. */
    public boolean existsIn(CspVersion v) {
        return v.atLeast(since) && until.atLeast(v);
    }

    public boolean isSessionPrimitive() {
        return SESSION_PRIMITIVES.contains(this);
    }

    public static PrimitiveType forRequest(String primitiveName) {
        return BY_REQUEST_NAME.get(primitiveName);
    }
}
