package imps.protocol;

import java.util.List;

/**
 * The one place that turns a failure into what goes on the wire, following OMA-TS-IMPS_CSP-V1_3 §6.1:
 * <ul>
 *   <li>a request that cannot be understood gets Status 400;</li>
 *   <li>a request understood but failed gets its specific response carrying the Result when that
 *       response has a Result slot, otherwise Status;</li>
 *   <li>requests without a specific response are always answered with Status.</li>
 * </ul>
 */
public final class StatusRules {
    private StatusRules() {
    }

    public static Element status(Result result) {
        return Element.of("Status", result.toElement());
    }

    public static Element ok() {
        return status(Result.ok());
    }

    public static Element malformed(String reason) {
        return status(Result.of(StatusCode.BAD_REQUEST, reason == null ? StatusCode.BAD_REQUEST.description() : reason));
    }

    /**
     * The answer to a request that failed with {@code result}. {@code leading} holds elements the
     * specific response must carry before its Result (Login-Response echoes the ClientID first).
     */
    public static Element failure(Element request, Result result, List<Element> leading) {
        PrimitiveType type = PrimitiveType.forRequest(request.name());
        if (type != null && type.responseHasResult() && result.status() != StatusCode.BAD_REQUEST) {
            return Element.builder(type.responseName()).addAll(leading).add(result.toElement()).build();
        }
        return status(result);
    }

    public static Element failure(Element request, CspException e) {
        List<Element> leading = List.of();
        if (PrimitiveType.forRequest(request.name()) == PrimitiveType.LOGIN && request.has("ClientID")) {
            leading = List.of(request.child("ClientID"));
        }
        return failure(request, e.result(), leading);
    }
}
