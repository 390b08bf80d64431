package imps.codec.pts;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.ServiceTree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Functions and AllFunctions (docs/pts.md §5.3) as a flat list of the innermost elements of the service
 * tree: features by their codes (FF, PF, IF, GE), functions, the 1.2 shorthands and function leaves
 * by their own names (ContListFunc, MP, GCLI), WV alone for an empty WVCSPFeat. Android requests
 * {@code RF=(FF,PF,IF,GE)}. Each name occurs once in the whole CSP service tree
 * (OMA-TS-IMPS_CSP, Service and Capability Negotiation), so the reader puts every name back in its
 * place, keeping the order in which features and functions first appear.
 */
final class FunctionsCodec implements PtsValueCodec {
    static final FunctionsCodec INSTANCE = new FunctionsCodec();

    private static final String ROOT = "WVCSPFeat";
    private static final String ROOT_CODE = "WV";
    private static final Map<String, String> FEATURE_BY_CODE = Map.of(
            "FF", "FundamentalFeat", "PF", "PresenceFeat", "IF", "IMFeat", "GE", "GroupFeat");
    private static final Map<String, String> CODE_BY_FEATURE = Map.of(
            "FundamentalFeat", "FF", "PresenceFeat", "PF", "IMFeat", "IF", "GroupFeat", "GE");

    /** Where a function, shorthand or leaf sits: {@code leaf} null for a function or shorthand. */
    private record Place(String feature, String function, String leaf) {
    }

    /** Keyed by upper-case name; 1.2 holds every function and leaf of 1.1 and 1.3 as well. */
    private static final Map<String, Place> PLACES = places();

    private FunctionsCodec() {
    }

    private static Map<String, Place> places() {
        Map<String, Place> out = new HashMap<>();
        for (ServiceTree.Feature f : ServiceTree.forVersion(CspVersion.V1_2)) {
            for (Map.Entry<String, List<String>> fn : f.functions().entrySet()) {
                out.put(key(fn.getKey()), new Place(f.name(), fn.getKey(), null));
                fn.getValue().forEach(leaf -> out.put(key(leaf), new Place(f.name(), fn.getKey(), leaf)));
            }
        }
        for (String shorthand : List.of("MF", "MP", "MM", "MG")) {
            out.put(shorthand, new Place(ServiceTree.shorthandFeature(shorthand), shorthand, null));
        }
        return Map.copyOf(out);
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null || element.children().size() != 1 || !element.children().get(0).name().equals(ROOT)
                || element.children().get(0).text() != null) {
            return null;
        }
        Element root = element.children().get(0);
        if (root.children().isEmpty()) {
            return new PtsValue.Atom(ROOT_CODE);
        }
        List<PtsValue> names = new ArrayList<>();
        for (Element feature : root.children()) {
            String code = CODE_BY_FEATURE.get(feature.name());
            if (code == null || feature.text() != null || !flatten(feature, names)) {
                return null;
            }
            if (feature.children().isEmpty()) {
                names.add(new PtsValue.Atom(code));
            }
        }
        return names.size() == 1 ? names.get(0) : new PtsValue.Group(names);
    }

    /** Adds the names under a feature; false when something is not where the service tree has it. */
    private static boolean flatten(Element feature, List<PtsValue> names) {
        for (Element function : feature.children()) {
            if (function.text() != null || !at(function.name(), feature.name(), function.name(), null)) {
                return false;
            }
            if (function.children().isEmpty()) {
                names.add(new PtsValue.Atom(function.name()));
            }
            for (Element leaf : function.children()) {
                if (leaf.text() != null || !leaf.children().isEmpty()
                        || !at(leaf.name(), feature.name(), function.name(), leaf.name())) {
                    return false;
                }
                names.add(new PtsValue.Atom(leaf.name()));
            }
        }
        return true;
    }

    private static boolean at(String name, String feature, String function, String leaf) {
        return new Place(feature, function, leaf).equals(PLACES.get(key(name)));
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        List<PtsValue> items = value instanceof PtsValue.Group g ? g.members() : List.of(value);
        Map<String, Map<String, List<String>>> tree = new LinkedHashMap<>();
        for (PtsValue item : items) {
            if (!(item instanceof PtsValue.Atom atom) || atom.isEmpty()) {
                throw new PtsSyntaxException(name + " takes a list of feature and function names");
            }
            if (key(atom.text()).equals(ROOT_CODE)) {
                if (items.size() != 1) {
                    throw new PtsSyntaxException("WV stands alone in " + name);
                }
                return Element.of(name, Element.empty(ROOT));
            }
            place(tree, atom.text());
        }
        List<Element> features = new ArrayList<>(tree.size());
        tree.forEach((feature, functions) -> {
            List<Element> fns = new ArrayList<>(functions.size());
            functions.forEach((fn, leaves) -> fns.add(Element.of(fn, leaves.stream().map(Element::empty).toList())));
            features.add(Element.of(feature, fns));
        });
        return Element.of(name, Element.of(ROOT, features));
    }

    private static void place(Map<String, Map<String, List<String>>> tree, String item) throws PtsSyntaxException {
        String feature = FEATURE_BY_CODE.get(key(item));
        if (feature != null) {
            tree.computeIfAbsent(feature, f -> new LinkedHashMap<>());
            return;
        }
        Place p = PLACES.get(key(item));
        if (p == null) {
            throw new PtsSyntaxException("unknown service function " + item);
        }
        List<String> leaves = tree.computeIfAbsent(p.feature(), f -> new LinkedHashMap<>())
                .computeIfAbsent(p.function(), f -> new ArrayList<>());
        if (p.leaf() != null && !leaves.contains(p.leaf())) {
            leaves.add(p.leaf());
        }
    }
}
