package imps.session;

import imps.protocol.ServiceTree;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service negotiation (OMA-TS-IMPS_CSP, Service and Capability Negotiation; docs/services.md §1). The
 * client lists what it wants under Functions/WVCSPFeat (an empty feature or function element asks for
 * all of it); the gateway grants the requested leaves it really implements, answers with Functions =
 * what it does NOT grant, and with AllFunctions = everything it implements in the session's version
 * when AllFunctionsRequest is T.
 */
public final class ServiceNegotiation {
    /** Outcomes kept, at most: clients of one kind send the same Service-Request, each login again. */
    private static final int REMEMBERED = 256;
    private final ImplementedLeaves implemented;
    /**
     * Outcomes by request. An outcome depends on the version and the request only (the implemented
     * leaves are fixed), and working it out again for every login cost about 7 % of a login storm's
     * CPU.
     */
    private final Map<Request, Outcome> remembered = new ConcurrentHashMap<>();

    private record Request(CspVersion version, Element functions, boolean allFunctionsRequest) {
    }

    /** @param implemented the function leaves that have a working handler on this gateway, per version */
    public ServiceNegotiation(ImplementedLeaves implemented) {
        this.implemented = implemented;
    }

    public ImplementedLeaves implemented() {
        return implemented;
    }

    /** The outcome: leaves granted (an unmodifiable set) and the elements of the response (Functions?, AllFunctions?). */
    public record Outcome(Set<String> agreed, Element deniedFunctions, Element allFunctions) {
    }

    /**
     * @param functions          the request's Functions element; null asks for everything
     * @param allFunctionsRequest whether the client wants AllFunctions back
     */
    public Outcome negotiate(CspVersion version, Element functions, boolean allFunctionsRequest) {
        Request request = new Request(version, functions, allFunctionsRequest);
        Outcome known = remembered.get(request);
        if (known != null) {
            return known;
        }
        Outcome outcome = workOut(version, functions, allFunctionsRequest);
        if (remembered.size() < REMEMBERED) {
            remembered.putIfAbsent(request, outcome);
        }
        return outcome;
    }

    private Outcome workOut(CspVersion version, Element functions, boolean allFunctionsRequest) {
        List<ServiceTree.Feature> tree = ServiceTree.forVersion(version);
        Set<String> requested = requestedLeaves(tree, functions);
        Set<String> implementedLeaves = implemented.in(version);
        Set<String> agreed = new LinkedHashSet<>();
        for (String leaf : requested) {
            if (implementedLeaves.contains(leaf)) {
                agreed.add(leaf);
            }
        }
        Element denied = denied(tree, requested, agreed);
        Element all = allFunctionsRequest ? treeOf("AllFunctions", tree, implementedLeaves) : null;
        return new Outcome(Collections.unmodifiableSet(agreed), denied, all);
    }

    private static Set<String> requestedLeaves(List<ServiceTree.Feature> tree, Element functions) {
        Set<String> out = new LinkedHashSet<>();
        Element feat = functions == null ? null : functions.child("WVCSPFeat");
        if (functions == null) {
            tree.forEach(f -> f.functions().values().forEach(out::addAll));
            return out;
        }
        if (feat == null) {
            return out;
        }
        for (Element requestedFeature : feat.children()) {
            ServiceTree.Feature feature = find(tree, requestedFeature.name());
            if (feature == null) {
                continue;
            }
            if (requestedFeature.children().isEmpty()) {
                feature.functions().values().forEach(out::addAll);
                continue;
            }
            for (Element fn : requestedFeature.children()) {
                if (ServiceTree.shorthandFeature(fn.name()) != null) {
                    feature.functions().values().forEach(out::addAll);
                    continue;
                }
                List<String> leaves = feature.functions().get(fn.name());
                if (leaves == null) {
                    continue;
                }
                if (fn.children().isEmpty()) {
                    out.addAll(leaves);
                } else {
                    for (Element leaf : fn.children()) {
                        if (leaves.contains(leaf.name())) {
                            out.add(leaf.name());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static ServiceTree.Feature find(List<ServiceTree.Feature> tree, String name) {
        for (ServiceTree.Feature f : tree) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Functions listing the requested leaves not granted, collapsed to empty elements where nothing of a branch was granted. */
    private static Element denied(List<ServiceTree.Feature> tree, Set<String> requested, Set<String> agreed) {
        List<Element> features = new ArrayList<>();
        for (ServiceTree.Feature f : tree) {
            List<Element> functions = new ArrayList<>();
            boolean featureRequested = false;
            boolean featureGranted = false;
            for (Map.Entry<String, List<String>> fn : f.functions().entrySet()) {
                List<String> req = fn.getValue().stream().filter(requested::contains).toList();
                if (req.isEmpty()) {
                    continue;
                }
                featureRequested = true;
                List<String> refused = req.stream().filter(l -> !agreed.contains(l)).toList();
                if (refused.size() < req.size()) {
                    featureGranted = true;
                }
                if (refused.isEmpty()) {
                    continue;
                }
                if (refused.size() == req.size()) {
                    functions.add(Element.empty(fn.getKey()));
                } else {
                    functions.add(Element.of(fn.getKey(), refused.stream().map(Element::empty).toList()));
                }
            }
            if (!featureRequested || functions.isEmpty()) {
                continue;
            }
            features.add(featureGranted ? Element.of(f.name(), functions) : Element.empty(f.name()));
        }
        if (features.isEmpty()) {
            return null;
        }
        return Element.of("Functions", Element.of("WVCSPFeat", features));
    }

    private static Element treeOf(String name, List<ServiceTree.Feature> tree, Set<String> leaves) {
        List<Element> features = new ArrayList<>();
        for (ServiceTree.Feature f : tree) {
            List<Element> functions = new ArrayList<>();
            for (Map.Entry<String, List<String>> fn : f.functions().entrySet()) {
                List<Element> have = fn.getValue().stream().filter(leaves::contains).map(Element::empty).toList();
                if (!have.isEmpty()) {
                    functions.add(Element.of(fn.getKey(), have));
                }
            }
            if (!functions.isEmpty()) {
                features.add(Element.of(f.name(), functions));
            }
        }
        return Element.of(name, Element.of("WVCSPFeat", features));
    }
}
