package imps.codec.wbxml;

/**
 * A WBXML document that is truncated, uses a token or code page the CSP tables do not define, points
 * outside its string table, or goes over a limit. The decoder turns it into a
 * {@link imps.codec.DecodeException}.
 */
final class WbxmlSyntaxException extends Exception {
    WbxmlSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
