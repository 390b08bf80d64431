package imps.service.im;

import imps.service.ElementJson;
import imps.service.StoredForm;
import imps.service.im.MessagingService.PendingReport;
import io.vertx.core.json.JsonObject;

/**
 * A {@link PendingReport} in the store, version 1: {@code {"v":1, "sender", "messageInfo": element}},
 * the MessageInfo in {@link ElementJson}'s form. The sender is the row's owner: deleting the sender
 * deletes the reports they were owed.
 */
public enum PendingReportForm implements StoredForm<PendingReport> {
    INSTANCE;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(PendingReport value, JsonObject out) {
        out.put("sender", value.sender()).put("messageInfo", ElementJson.write(value.messageInfo()));
    }

    @Override
    public PendingReport read(JsonObject in, int version) {
        return new PendingReport(in.getString("sender"), ElementJson.read(in.getJsonObject("messageInfo")));
    }

    @Override
    public String owner(PendingReport value) {
        return value.sender();
    }
}
