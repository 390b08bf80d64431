package imps.session.owner;

/**
 * What a node changed after a split cluster merged: copies it dropped because another node owns
 * the session, and sessions it ended because the other side gave their Client-ID to another session.
 */
public record Reconciliation(int dropped, int ended) {
    static final Reconciliation NONE = new Reconciliation(0, 0);

    Reconciliation plus(Reconciliation other) {
        return new Reconciliation(dropped + other.dropped, ended + other.ended);
    }
}
