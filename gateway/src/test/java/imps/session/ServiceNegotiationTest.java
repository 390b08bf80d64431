package imps.session;

import imps.protocol.ServiceTree;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceNegotiationTest {

    /** The function leaves of the CSP 1.2 service tree (OMA-TS-IMPS_CSP, Service and Capability Negotiation). */
    static final List<String> LEAVES_12 = List.of(
            "GETSPI", "SRCH", "STSRC", "INVIT", "CAINV", "VRID",
            "GCLI", "CCLI", "DCLI", "MCLS", "GETWL", "REACT", "CAAUT", "GETAUT", "GETPR", "UPDPR", "CALI", "DALI", "GALS",
            "MDELIV", "FWMSG", "SETD", "GETLM", "GETM", "REJCM", "NOTIF", "NEWM", "GLBLU", "BLENT",
            "CREAG", "DELGR", "GETGP", "SETGP", "SUBGCN", "GRCHN", "GETJU", "GETGM", "ADDGM", "RMVGM", "MBRAC", "REJEC");

    static Set<String> leaves(CspVersion v) {
        List<String> out = new ArrayList<>(LEAVES_12);
        if (v == CspVersion.V1_1) {
            out.removeAll(List.of("VRID", "GETAUT", "GETJU"));
        } else if (v == CspVersion.V1_3) {
            out.removeAll(List.of("REACT", "CAAUT", "CALI", "DALI", "GALS"));
        }
        return Set.copyOf(out);
    }

    /** A negotiation whose gateway implements the same leaves in every version. */
    static ServiceNegotiation negotiation(Set<String> leaves) {
        Map<CspVersion, Set<String>> byVersion = new EnumMap<>(CspVersion.class);
        for (CspVersion v : CspVersion.values()) {
            byVersion.put(v, leaves);
        }
        return new ServiceNegotiation(new ImplementedLeaves(byVersion));
    }

    static Element allFourFeatures() {
        return Element.of("Functions", Element.of("WVCSPFeat",
                Element.empty("FundamentalFeat"), Element.empty("PresenceFeat"),
                Element.empty("IMFeat"), Element.empty("GroupFeat")));
    }

    @Test
    void onlyGetSpiImplementedGrantsGetSpiAndDeniesTheRest() {
        ServiceNegotiation.Outcome o = negotiation(Set.of("GETSPI"))
                .negotiate(CspVersion.V1_2, allFourFeatures(), true);
        assertEquals(Set.of("GETSPI"), o.agreed());
        Element expectedDenied = Element.of("Functions", Element.of("WVCSPFeat",
                Element.of("FundamentalFeat",
                        Element.empty("SearchFunc"), Element.empty("InviteFunc"), Element.empty("VerifyIDFunc")),
                Element.empty("PresenceFeat"),
                Element.empty("IMFeat"),
                Element.empty("GroupFeat")));
        assertEquals(expectedDenied, o.deniedFunctions());
        Element expectedAll = Element.of("AllFunctions", Element.of("WVCSPFeat",
                Element.of("FundamentalFeat", Element.of("ServiceFunc", Element.empty("GETSPI")))));
        assertEquals(expectedAll, o.allFunctions());
    }

    @Test
    void allFunctionsIsLeftOutUnlessRequested() {
        ServiceNegotiation.Outcome o = negotiation(Set.of("GETSPI"))
                .negotiate(CspVersion.V1_2, allFourFeatures(), false);
        assertNull(o.allFunctions());
        assertEquals(Set.of("GETSPI"), o.agreed());
        assertNotNull(o.deniedFunctions());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void nullFunctionsRequestsEverything(CspVersion v) {
        ServiceNegotiation everything = negotiation(leaves(v));
        assertEquals(leaves(v), everything.negotiate(v, null, false).agreed());

        ServiceNegotiation onlyGetSpi = negotiation(Set.of("GETSPI"));
        ServiceNegotiation.Outcome fromNull = onlyGetSpi.negotiate(v, null, true);
        ServiceNegotiation.Outcome fromExplicit = onlyGetSpi.negotiate(v, allFourFeatures(), true);
        assertEquals(fromExplicit, fromNull);
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void everythingImplementedMeansNoDeniedFunctions(CspVersion v) {
        ServiceNegotiation.Outcome o = negotiation(leaves(v)).negotiate(v, allFourFeatures(), true);
        assertNull(o.deniedFunctions());
        assertEquals(leaves(v), o.agreed());
        assertEquals(leaves(v), leafNames(o.allFunctions()));
    }

    @Test
    void implementedLeavesOutsideTheVersionsTreeAreNeitherAgreedNorAdvertised() {
        Set<String> implemented = leaves(CspVersion.V1_2); // includes REACT, CAAUT, CALI, DALI, GALS
        ServiceNegotiation.Outcome o = negotiation(implemented).negotiate(CspVersion.V1_3, null, true);
        for (String gone : List.of("REACT", "CAAUT", "CALI", "DALI", "GALS")) {
            assertFalse(o.agreed().contains(gone), gone);
            assertFalse(leafNames(o.allFunctions()).contains(gone), gone);
        }
        Element presence = o.allFunctions().child("WVCSPFeat").child("PresenceFeat");
        assertNull(presence.child("AttListFunc"), "1.3 has no AttListFunc");
        assertEquals(List.of("GETWL", "GETAUT"), names(presence.child("PresenceAuthFunc").children()));
    }

    @Test
    void csp11TreeHasNoVerifyIdFunc() {
        assertFalse(functionNames(CspVersion.V1_1, "FundamentalFeat").contains("VerifyIDFunc"));
        assertTrue(functionNames(CspVersion.V1_2, "FundamentalFeat").contains("VerifyIDFunc"));
        assertTrue(functionNames(CspVersion.V1_3, "FundamentalFeat").contains("VerifyIDFunc"));

        ServiceNegotiation.Outcome o = negotiation(Set.of("GETSPI"))
                .negotiate(CspVersion.V1_1, allFourFeatures(), true);
        assertEquals(Element.of("FundamentalFeat", Element.empty("SearchFunc"), Element.empty("InviteFunc")),
                o.deniedFunctions().child("WVCSPFeat").child("FundamentalFeat"));
    }

    @Test
    void csp13TreeHasNoAttListFunc() {
        assertFalse(functionNames(CspVersion.V1_3, "PresenceFeat").contains("AttListFunc"));
        assertTrue(functionNames(CspVersion.V1_2, "PresenceFeat").contains("AttListFunc"));
        assertTrue(functionNames(CspVersion.V1_1, "PresenceFeat").contains("AttListFunc"));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void serviceTreeHoldsExactlyTheReferenceLeaves(CspVersion v) {
        Set<String> all = new LinkedHashSet<>();
        ServiceTree.forVersion(v).forEach(f -> f.functions().values().forEach(all::addAll));
        assertEquals(leaves(v), all);
        assertEquals(List.of("FundamentalFeat", "PresenceFeat", "IMFeat", "GroupFeat"),
                ServiceTree.forVersion(v).stream().map(ServiceTree.Feature::name).toList());
    }

    @Test
    void partlyGrantedFunctionListsOnlyItsRefusedLeaves() {
        ServiceNegotiation.Outcome o = negotiation(Set.of("GETSPI", "SRCH", "GETPR", "UPDPR"))
                .negotiate(CspVersion.V1_2, Element.of("Functions", Element.of("WVCSPFeat",
                        Element.of("FundamentalFeat", Element.empty("ServiceFunc"), Element.empty("SearchFunc")),
                        Element.of("PresenceFeat", Element.of("PresenceDeliverFunc", Element.empty("GETPR"))))), false);
        assertEquals(Set.of("GETSPI", "SRCH", "GETPR"), o.agreed(), "UPDPR was not asked for");
        Element expected = Element.of("Functions", Element.of("WVCSPFeat",
                Element.of("FundamentalFeat", Element.of("SearchFunc", Element.empty("STSRC")))));
        assertEquals(expected, o.deniedFunctions());
    }

    @Test
    void shorthandElementRequestsTheWholeFeature() {
        ServiceNegotiation.Outcome o = negotiation(leaves(CspVersion.V1_2))
                .negotiate(CspVersion.V1_2, Element.of("Functions", Element.of("WVCSPFeat",
                        Element.of("IMFeat", Element.empty("MM")))), false);
        assertEquals(Set.of("MDELIV", "FWMSG", "SETD", "GETLM", "GETM", "REJCM", "NOTIF", "NEWM", "GLBLU", "BLENT"),
                o.agreed());
        assertNull(o.deniedFunctions());
    }

    @Test
    void unknownFeaturesFunctionsAndLeavesAreIgnored() {
        ServiceNegotiation.Outcome o = negotiation(leaves(CspVersion.V1_2))
                .negotiate(CspVersion.V1_2, Element.of("Functions", Element.of("WVCSPFeat",
                        Element.empty("TeleportFeat"),
                        Element.of("FundamentalFeat", Element.empty("WarpFunc"),
                                Element.of("ServiceFunc", Element.empty("GETSPI"), Element.empty("XYZ"))))), false);
        assertEquals(Set.of("GETSPI"), o.agreed());
        assertNull(o.deniedFunctions());
    }

    @Test
    void agreedLeavesKeepTheTreeOrder() {
        ServiceNegotiation.Outcome o = negotiation(Set.of("NEWM", "GETSPI", "GCLI"))
                .negotiate(CspVersion.V1_2, null, false);
        assertEquals(List.of("GETSPI", "GCLI", "NEWM"), new ArrayList<>(o.agreed()));
    }

    /**
     * An outcome is worked out once per request and version and then handed out again; past the
     * number it keeps, outcomes are still worked out right, only not kept.
     */
    @Test
    void theSameRequestGetsTheOutcomeWorkedOutTheFirstTime() {
        ServiceNegotiation n = negotiation(Set.of("GETSPI", "NEWM"));
        Element im = Element.of("Functions", Element.of("WVCSPFeat", Element.empty("IMFeat")));
        ServiceNegotiation.Outcome first = n.negotiate(CspVersion.V1_2, im, true);
        assertSame(first, n.negotiate(CspVersion.V1_2, Element.of("Functions", Element.of("WVCSPFeat", Element.empty("IMFeat"))), true));
        assertNotSame(first, n.negotiate(CspVersion.V1_3, im, true));
        assertNotSame(first, n.negotiate(CspVersion.V1_2, im, false));
        assertEquals(Set.of("NEWM"), first.agreed());
        for (int i = 0; i < 300; i++) {
            Element unknown = Element.of("Functions", Element.of("WVCSPFeat", Element.of("IMFeat", Element.empty("Unknown" + i))));
            assertEquals(Set.of(), n.negotiate(CspVersion.V1_2, unknown, false).agreed());
        }
        assertEquals(Set.of("GETSPI", "NEWM"), n.negotiate(CspVersion.V1_2, null, false).agreed());
        assertEquals(Set.of("GETSPI", "NEWM"), n.negotiate(CspVersion.V1_2, null, false).agreed());
    }

    private static List<String> functionNames(CspVersion v, String feature) {
        return ServiceTree.forVersion(v).stream().filter(f -> f.name().equals(feature)).findFirst()
                .orElseThrow().functions().keySet().stream().toList();
    }

    private static List<String> names(List<Element> elements) {
        return elements.stream().map(Element::name).toList();
    }

    /** Leaf names of an AllFunctions tree: AllFunctions/WVCSPFeat/feature/function/leaf. */
    private static Set<String> leafNames(Element allFunctions) {
        Set<String> out = new LinkedHashSet<>();
        for (Element feature : allFunctions.child("WVCSPFeat").children()) {
            for (Element function : feature.children()) {
                function.children().forEach(l -> out.add(l.name()));
            }
        }
        return out;
    }
}
