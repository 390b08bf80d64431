package imps.protocol;

import java.util.List;

/**
 * The CSP Result structure: (Code, Description?, DetailedResult*) (OMA-TS-IMPS_CSP-V1_3 §6.1). A fully
 * successful result carries no DetailedResult.
 */
public record Result(StatusCode status, String description, List<DetailedResult> details, Element systemMessageList) {

    public Result {
        details = List.copyOf(details);
    }

    public Result(StatusCode status, String description, List<DetailedResult> details) {
        this(status, description, details, null);
    }

    /** The same result carrying server system messages (OMA-TS-IMPS_CSP-V1_3 §6.1 and §7.1). */
    public Result withSystemMessages(Element list) {
        return new Result(status, description, details, list);
    }

    public static Result of(StatusCode status) {
        return new Result(status, status.description(), List.of(), null);
    }

    public static Result of(StatusCode status, String description) {
        return new Result(status, description == null ? status.description() : description, List.of());
    }

    public static Result ok() {
        return of(StatusCode.OK);
    }

    /**
     * 201 when part of the request succeeded, 900 when nothing did and the failures differ, or the
     * single failure's own code when every part failed the same way (OMA-TS-IMPS_CSP-V1_3 §6.1).
     */
    public static Result fromParts(int succeeded, List<DetailedResult> failures) {
        if (failures.isEmpty()) {
            return ok();
        }
        if (succeeded > 0) {
            return new Result(StatusCode.PARTIALLY_SUCCESSFUL, StatusCode.PARTIALLY_SUCCESSFUL.description(), failures);
        }
        StatusCode first = failures.get(0).status();
        boolean allSame = failures.stream().allMatch(f -> f.status() == first);
        if (allSame) {
            return new Result(first, first.description(), failures);
        }
        return new Result(StatusCode.MULTIPLE_ERRORS, StatusCode.MULTIPLE_ERRORS.description(), failures);
    }

    public Element toElement() {
        Element.Builder b = Element.builder("Result")
                .leaf("Code", status.code())
                .leaf("Description", description);
        for (DetailedResult d : details) {
            b.add(d.toElement());
        }
        return b.add(systemMessageList).build();
    }

    /** One failed part of a request: its code and the entities it concerns. */
    public record DetailedResult(StatusCode status, String description, List<Element> entities) {
        public DetailedResult {
            entities = List.copyOf(entities);
        }

        public static DetailedResult forUser(StatusCode status, String userId) {
            return new DetailedResult(status, status.description(), List.of(Element.leaf("UserID", userId)));
        }

        public Element toElement() {
            return Element.builder("DetailedResult")
                    .leaf("Code", status.code())
                    .leaf("Description", description)
                    .addAll(entities)
                    .build();
        }
    }
}
