package imps.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSP service tree: features, their functions and the function leaves (OMA-TS-IMPS_CSP, Service
 * and Capability Negotiation), with the version differences (VerifyIDFunc and GETAUT/GETJU from
 * 1.2; REACT, CAAUT and the attribute-list functions removed in 1.3).
 */
public final class ServiceTree {
    /** One feature with its functions, each function with its leaves, in the order CSP lists them. */
    public record Feature(String name, Map<String, List<String>> functions) {
        public Feature {
            functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        }
    }

    /** Each version's tree, built once: every service negotiation walks it. */
    private static final Map<CspVersion, List<Feature>> TREES = new EnumMap<>(CspVersion.class);

    static {
        for (CspVersion v : CspVersion.values()) {
            TREES.put(v, build(v));
        }
    }

    private ServiceTree() {
    }

    /** The tree of {@code v}, unmodifiable. */
    public static List<Feature> forVersion(CspVersion v) {
        return TREES.get(v);
    }

    private static List<Feature> build(CspVersion v) {
        boolean v12 = v.atLeast(CspVersion.V1_2);
        boolean v13 = v.atLeast(CspVersion.V1_3);
        List<Feature> features = new ArrayList<>(4);

        Map<String, List<String>> fundamental = new LinkedHashMap<>();
        fundamental.put("ServiceFunc", List.of("GETSPI"));
        fundamental.put("SearchFunc", List.of("SRCH", "STSRC"));
        fundamental.put("InviteFunc", List.of("INVIT", "CAINV"));
        if (v12) {
            fundamental.put("VerifyIDFunc", List.of("VRID"));
        }
        features.add(new Feature("FundamentalFeat", fundamental));

        Map<String, List<String>> presence = new LinkedHashMap<>();
        presence.put("ContListFunc", List.of("GCLI", "CCLI", "DCLI", "MCLS"));
        List<String> auth = new ArrayList<>(List.of("GETWL"));
        if (!v13) {
            auth.add("REACT");
            auth.add("CAAUT");
        }
        if (v12) {
            auth.add("GETAUT");
        }
        presence.put("PresenceAuthFunc", List.copyOf(auth));
        presence.put("PresenceDeliverFunc", List.of("GETPR", "UPDPR"));
        if (!v13) {
            presence.put("AttListFunc", List.of("CALI", "DALI", "GALS"));
        }
        features.add(new Feature("PresenceFeat", presence));

        Map<String, List<String>> im = new LinkedHashMap<>();
        im.put("IMSendFunc", List.of("MDELIV", "FWMSG"));
        im.put("IMReceiveFunc", List.of("SETD", "GETLM", "GETM", "REJCM", "NOTIF", "NEWM"));
        im.put("IMAuthFunc", List.of("GLBLU", "BLENT"));
        features.add(new Feature("IMFeat", im));

        Map<String, List<String>> group = new LinkedHashMap<>();
        group.put("GroupMgmtFunc", List.of("CREAG", "DELGR", "GETGP", "SETGP"));
        group.put("GroupUseFunc", v12 ? List.of("SUBGCN", "GRCHN", "GETJU") : List.of("SUBGCN", "GRCHN"));
        group.put("GroupAuthFunc", List.of("GETGM", "ADDGM", "RMVGM", "MBRAC", "REJEC"));
        features.add(new Feature("GroupFeat", group));
        return List.copyOf(features);
    }

    /** The 1.2 shorthand elements that stand for a whole feature (MF, MP, MM, MG). */
    public static String shorthandFeature(String element) {
        return switch (element) {
            case "MF" -> "FundamentalFeat";
            case "MP" -> "PresenceFeat";
            case "MM" -> "IMFeat";
            case "MG" -> "GroupFeat";
            default -> null;
        };
    }
}
