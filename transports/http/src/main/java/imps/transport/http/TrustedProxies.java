package imps.transport.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, for the per-address rate and the login throttle. It is
 * the connection's peer, unless the peer is one of {@code http.trustedProxies} (load balancers that
 * terminate TLS and add X-Forwarded-For): then it is the right-most X-Forwarded-For entry that is not
 * itself a trusted proxy, the last hop the gateway's own proxies vouch for. Entries are IP literals
 * only; a header that names none, or a malformed entry, leaves the peer's address. Nothing here ever
 * resolves a name.
 */
final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private final List<Range> ranges = new ArrayList<>();

    /** @param proxies addresses ({@code 10.0.0.7}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    TrustedProxies(List<String> proxies) {
        for (String p : proxies) {
            ranges.add(Range.parse(p.trim()));
        }
    }

    /** {@code peer}: the connection's peer address as {@link #hostAddress} gives it. */
    String clientOf(String peer, HttpServerRequest request) {
        if (ranges.isEmpty() || !trusted(literal(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer;
    }

    static String hostAddress(SocketAddress address) {
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }

    private boolean trusted(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** The address an IP literal names, or null for anything else (never a name lookup). */
    static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(t).matches() && !(t.contains(":") && t.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == ':' || c == '.'))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address and the number of leading bits that must match. */
    private record Range(byte[] network, int bits) {
        static Range parse(String spec) {
            int slash = spec.indexOf('/');
            InetAddress address = literal(slash < 0 ? spec : spec.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("http.trustedProxies: not an IP address or CIDR range: " + spec);
            }
            byte[] bytes = address.getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("http.trustedProxies: bad prefix length in " + spec);
            }
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
