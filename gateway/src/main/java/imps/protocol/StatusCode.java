package imps.protocol;

/**
 * The one table of CSP status codes the gateway sends (OMA-TS-IMPS_CSP §11, with the readings
 * adopted in docs/conformance.md, "Decisions where the CRs disagree"). Descriptions are short and
 * meant for the end user; several clients display them.
 */
public enum StatusCode {
    OK(200, "Successful"),
    PARTIALLY_SUCCESSFUL(201, "Partially successful"),
    ACCEPTED(202, "Accepted"),

    BAD_REQUEST(400, "Bad request"),
    UNAUTHORIZED(401, "Further authorization needed"),
    BAD_PARAMETER(402, "Bad parameter"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    SERVICE_NOT_SUPPORTED(405, "Service not supported"),
    REQUEST_TIMEOUT(408, "Request timeout"),
    INVALID_PASSWORD(409, "Invalid password"),
    UNABLE_TO_DELIVER(410, "Unable to deliver"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INVALID_TRANSACTION(420, "Invalid transaction"),
    ID_MISMATCH(422, "Session-ID, User-ID and Client-ID do not match"),
    INVALID_MESSAGE_ID(426, "Invalid message ID"),
    RESPONSE_TOO_LARGE(432, "Response too large"),
    SYSTEM_MESSAGE_RESPONSE_REQUIRED(436, "System message response required"),

    INTERNAL_ERROR(500, "Internal server error"),
    NOT_IMPLEMENTED(501, "Not implemented"),
    COULD_NOT_RECOVER_SESSION(502, "The session could not be recovered"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    TIMEOUT(504, "Timeout"),
    VERSION_NOT_SUPPORTED(505, "Version not supported"),
    SERVICE_NOT_AGREED(506, "Service not agreed"),
    MESSAGE_QUEUE_FULL(507, "Message queue full"),
    APPLICATION_FORBIDDEN(515, "Application forbidden by the operator"),
    DOMAIN_NOT_SUPPORTED(516, "Domain not supported"),
    UNRESPONDED_PRESENCE_REQUEST(521, "The user has not answered the presence authorization request"),
    UNKNOWN_USER(531, "Unknown user"),
    RECIPIENT_BLOCKED_SENDER(532, "The recipient blocked the sender"),
    RECIPIENT_NOT_LOGGED_IN(533, "Recipient not logged in"),
    NO_MATCHING_DIGEST_SCHEME(543, "No matching digest scheme supported"),

    SESSION_EXPIRED(600, "Session expired"),
    FORCED_LOGOUT(601, "Forced logout"),
    INVALID_SESSION(604, "Invalid session (not logged in)"),
    NEW_VALUE_NOT_ACCEPTED(605, "New value not accepted"),
    SOME_SERVICES_NOT_AVAILABLE(606, "Some services are not available"),
    TOO_MANY_SYSTEM_MESSAGE_REPLIES(607, "Too many non-conformant system message replies"),
    CLIENT_ID_NOT_UNIQUE(608, "Client-ID is not unique"),
    SAP_SESSION_LIMIT(609, "Session limit of the service reached"),
    USER_SESSION_LIMIT(610, "Session limit of the user reached"),

    CONTACT_LIST_NOT_FOUND(700, "Contact list does not exist"),
    CONTACT_LIST_EXISTS(701, "Contact list already exists"),
    INVALID_USER_PROPERTIES(702, "Invalid or unsupported user properties"),
    INVALID_PRESENCE_ATTRIBUTE(750, "Invalid or unsupported presence attribute"),
    INVALID_PRESENCE_VALUE(751, "Invalid or unsupported presence value"),
    INVALID_CONTACT_LIST_PROPERTY(752, "Invalid or unsupported contact list property"),
    MAX_CONTACT_LISTS(753, "Maximum number of contact lists reached"),
    MAX_CONTACTS(754, "Maximum number of contacts reached"),
    AUTO_SUBSCRIPTION_NOT_SUPPORTED(760, "Automatic subscription is not supported"),

    GROUP_NOT_FOUND(800, "Group does not exist"),
    GROUP_EXISTS(801, "Group already exists"),
    GROUP_ALREADY_JOINED(807, "Group is already joined"),
    GROUP_NOT_JOINED(808, "Group is not joined"),
    USER_REJECTED(809, "The user cannot join this group"),
    SCREEN_NAME_IN_USE(811, "Screen name already in use"),
    INSUFFICIENT_GROUP_PRIVILEGES(816, "Insufficient group privileges"),

    MULTIPLE_ERRORS(900, "Multiple errors");

    private final int code;
    private final String description;

    StatusCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The entry for a numeric code; null when the code is not in the table. */
    public static StatusCode fromCode(int code) {
        for (StatusCode s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
