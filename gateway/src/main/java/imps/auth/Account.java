package imps.auth;

/** One subscriber. {@code enabled} false means the user may not use the service (403). */
public record Account(String userId, String password, boolean enabled) {
}
