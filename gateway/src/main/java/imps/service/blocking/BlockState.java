package imps.service.blocking;

import java.io.Serializable;
import java.util.LinkedHashSet;

/**
 * A user's IM authorisation (docs/services.md §7): a block list and a grant list, each with
 * an in-use flag. With the block list in use, its users cannot reach this user; with the grant list
 * in use, only its users can.
 */
public final class BlockState implements Serializable {
    private static final long serialVersionUID = 1L;
    boolean blockInUse;
    boolean grantInUse;
    final LinkedHashSet<String> blocked = new LinkedHashSet<>();
    final LinkedHashSet<String> granted = new LinkedHashSet<>();

    /** Whether {@code sender} may send this user instant messages. */
    public boolean admits(String sender) {
        if (blockInUse && blocked.contains(sender)) {
            return false;
        }
        return !grantInUse || granted.contains(sender);
    }
}
