package imps.auth;

import java.io.Serializable;

/** What a provisioning request changes in an account; null fields stay as they are. */
public record AccountChange(String password, Boolean enabled, String displayName) implements Serializable {
}
