package imps.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusRulesTest {
    private static final Element KEEP_ALIVE = Element.of("KeepAlive-Request", Element.leaf("TimeToLive", "99999"));
    private static final Element SERVICE = Element.of("Service-Request", Element.leaf("AllFunctionsRequest", "T"));

    static List<String> names(Element e) {
        return e.children().stream().map(Element::name).toList();
    }

    @Test
    void keepAliveFailureTravelsInKeepAliveResponse() {
        Element answer = StatusRules.failure(KEEP_ALIVE, Result.of(StatusCode.NEW_VALUE_NOT_ACCEPTED), List.of());
        assertEquals("KeepAlive-Response", answer.name());
        assertEquals("605", answer.child("Result").childText("Code"));
    }

    @Test
    void serviceRequestFailureTravelsInStatus() {
        Element answer = StatusRules.failure(SERVICE, Result.of(StatusCode.SERVICE_UNAVAILABLE), List.of());
        assertEquals("Status", answer.name());
        assertEquals(List.of("Result"), names(answer));
        assertEquals("503", answer.child("Result").childText("Code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KeepAlive-Request", "Login-Request", "GetPresence-Request", "SendMessage-Request", "Service-Request"})
    void badRequestIsAlwaysStatus(String primitive) {
        Element answer = StatusRules.failure(Element.empty(primitive), Result.of(StatusCode.BAD_REQUEST, "TimeToLive is not a number"), List.of());
        assertEquals("Status", answer.name());
        assertEquals("400", answer.child("Result").childText("Code"));
        assertEquals("TimeToLive is not a number", answer.child("Result").childText("Description"));
    }

    @Test
    void malformedPrimitiveBecomesStatus400EvenForKeepAlive() {
        Element answer = StatusRules.failure(KEEP_ALIVE, new MalformedPrimitive("bad TimeToLive"));
        assertEquals("Status", answer.name());
        assertEquals("400", answer.child("Result").childText("Code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Logout-Request", "UpdatePresence-Request", "GetList-Request", "ClientCapability-Request",
            "Unheard-Of-Request"})
    void requestsWithoutResultSlotAreAnsweredWithStatus(String primitive) {
        Element answer = StatusRules.failure(Element.empty(primitive), Result.of(StatusCode.FORBIDDEN), List.of());
        assertEquals("Status", answer.name());
        assertEquals("403", answer.child("Result").childText("Code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GetPresence-Request:GetPresence-Response", "SendMessage-Request:SendMessage-Response",
            "ListManage-Request:ListManage-Response", "LeaveGroup-Request:LeaveGroup-Response",
            "GetAttributeList-Request:GetAttributeList-Response"})
    void requestsWithResultSlotGetTheirSpecificResponse(String pair) {
        String[] p = pair.split(":");
        Element answer = StatusRules.failure(Element.empty(p[0]), Result.of(StatusCode.UNKNOWN_USER), List.of());
        assertEquals(p[1], answer.name());
        assertEquals("531", answer.child("Result").childText("Code"));
    }

    @Test
    void loginFailureEchoesClientIdBeforeResult() {
        Element clientId = Element.of("ClientID", Element.leaf("URL", "JiMMY"));
        Element login = Element.of("Login-Request", Element.leaf("UserID", "alice"), clientId, Element.leaf("Password", "x"));
        Element answer = StatusRules.failure(login, new CspException(StatusCode.INVALID_PASSWORD));
        assertEquals("Login-Response", answer.name());
        assertEquals(List.of("ClientID", "Result"), names(answer));
        assertEquals(clientId, answer.child("ClientID"));
        assertEquals("409", answer.child("Result").childText("Code"));
    }

    @Test
    void okIsStatus200() {
        Element ok = StatusRules.ok();
        assertEquals("Status", ok.name());
        assertEquals("200", ok.child("Result").childText("Code"));
    }
}
