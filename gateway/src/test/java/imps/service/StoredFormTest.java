package imps.service;

import imps.service.blocking.BlockStateForm;
import imps.service.contacts.ContactListsForm;
import imps.service.groups.AutoJoinForm;
import imps.service.im.PendingReportForm;
import imps.service.im.StoredMessagesForm;
import imps.service.presence.AuthPolicyForm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each service value's stored form, version 1, as a DBA reads it: a document read and written again
 * is the same document, field by field and in order.
 */
class StoredFormTest {
    private static <V> void roundTrip(StoredForm<V> form, String json) {
        assertEquals(json, form.encode(form.decode(json)));
    }

    @Test
    void everyFormWritesBackWhatItRead() {
        roundTrip(ContactListsForm.INSTANCE, "{\"v\":1,\"default\":\"friends\",\"lists\":[{\"key\":\"friends\","
                + "\"displayName\":\"Friends\",\"members\":{\"bob\":\"Bobby\",\"carol\":null}},{\"key\":\"work\","
                + "\"displayName\":null,\"members\":{}}]}");
        roundTrip(BlockStateForm.INSTANCE, "{\"v\":1,\"blockInUse\":true,\"grantInUse\":false,\"blocked\":[\"frank\",\"mallory\"],"
                + "\"granted\":[]}");
        roundTrip(AuthPolicyForm.INSTANCE, "{\"v\":1,\"decisions\":[{\"watcher\":\"bob\",\"state\":\"GRANTED\","
                + "\"attributes\":[\"OnlineStatus\"]},{\"watcher\":\"eve\",\"state\":\"DENIED\",\"attributes\":[]},"
                + "{\"watcher\":\"carol\",\"state\":\"PENDING\",\"attributes\":[\"StatusText\",\"OnlineStatus\"]}]}");
        roundTrip(AutoJoinForm.INSTANCE, "{\"v\":1,\"groups\":[\"alice/chess\"]}");
        roundTrip(StoredMessagesForm.INSTANCE, "{\"v\":1,\"messages\":[{\"messageId\":\"m1\",\"storedAt\":1700000000000,"
                + "\"newMessage\":{\"name\":\"NewMessage\",\"children\":[{\"name\":\"MessageInfo\",\"children\":"
                + "[{\"name\":\"MessageID\",\"text\":\"m1\"}]},{\"name\":\"ContentData\",\"text\":\"hé \\\"there\\\"\"}]}}]}");
        roundTrip(PendingReportForm.INSTANCE, "{\"v\":1,\"sender\":\"bob\",\"messageInfo\":{\"name\":\"MessageInfo\","
                + "\"children\":[{\"name\":\"MessageID\",\"text\":\"m1\"}]}}");
    }

    @Test
    void aReportBelongsToItsSender() {
        assertEquals("bob", PendingReportForm.INSTANCE.owner(PendingReportForm.INSTANCE.decode(
                "{\"v\":1,\"sender\":\"bob\",\"messageInfo\":null}")));
        assertEquals(null, ContactListsForm.INSTANCE.owner(ContactListsForm.INSTANCE.decode("{\"v\":1,\"lists\":[]}")));
    }

    @Test
    void malformedNewerOrForeignDocumentsAreRefused() {
        for (String bad : List.of("", "[]", "{\"v\":2,\"groups\":[]}", "{\"v\":0,\"groups\":[]}", "{\"groups\":[]}",
                "{\"v\":1}", "{\"v\":1,\"groups\":[1]}", "{\"v\":\"1\",\"groups\":[]}")) {
            assertThrows(IllegalArgumentException.class, () -> AutoJoinForm.INSTANCE.decode(bad), bad);
        }
    }
}
