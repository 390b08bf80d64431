package imps.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UserAddressTest {
    private static final String HOME = "imps.local";

    @ParameterizedTest
    @ValueSource(strings = {"alice", "wv:alice", "WV:Alice@imps.local", "wv:alice@IMPS.LOCAL", "  Alice  ", "alice@"})
    void homeDomainSpellingsAreTheSameUser(String raw) {
        assertEquals("alice", UserAddress.canonical(raw, HOME));
        assertEquals(UserAddress.canonical("alice", HOME), UserAddress.canonical(raw, HOME));
    }

    @Test
    void foreignDomainStaysInTheKey() {
        assertEquals("bob@elsewhere.net", UserAddress.canonical("bob@elsewhere.net", HOME));
        assertEquals("bob@elsewhere.net", UserAddress.canonical("WV:Bob@Elsewhere.NET", HOME));
        assertNotEquals(UserAddress.canonical("bob", HOME), UserAddress.canonical("bob@elsewhere.net", HOME));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "wv:", "WV:@imps.local"})
    void emptyAddressHasNoCanonicalForm(String raw) {
        assertNull(UserAddress.canonical(raw, HOME));
    }

    @Test
    void wireFormAddsTheScheme() {
        assertEquals("wv:alice", UserAddress.wire(UserAddress.canonical("WV:Alice@imps.local", HOME)));
    }
}
