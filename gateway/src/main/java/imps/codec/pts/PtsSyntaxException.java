package imps.codec.pts;

/**
 * A PTS message that breaks the syntax, uses a code that means nothing where it stands, or goes
 * over a limit. The decoder turns it into a MALFORMED {@link imps.codec.DecodeException}.
 */
final class PtsSyntaxException extends Exception {
    PtsSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
