package imps.protocol;

/**
 * A primitive the gateway cannot understand (a mandatory element missing, a value of the wrong
 * type). OMA-TS-IMPS_CSP-V1_3 §6.1: such a request is answered with Status 400 instead of its specific
 * response.
 */
public final class MalformedPrimitive extends CspException {
    public MalformedPrimitive(String reason) {
        super(StatusCode.BAD_REQUEST, reason);
    }
}
