package imps.transport.sms.kannel;

import java.nio.file.Path;

/**
 * The kannel.conf of a {@link KannelFixture}: bearerbox with its admin port, a fake SMSC that
 * fakesmsc connects to, smsbox with sendsms, the sendsms user the gateway logs in as and the
 * sms-service that hands every MO message to the gateway, written the way docs/kannel.md tells an
 * operator to. Every port is on 127.0.0.1; logs go to {@code directory}.
 */
record KannelConf(Path directory, int adminPort, int smsboxPort, int fakeSmscPort, int sendsmsPort,
                  String moUrl, String username, String password, String adminPassword) {

    Path file() {
        return directory.resolve("kannel.conf");
    }

    String sendsmsUrl() {
        return "http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms";
    }

    String statusUrl() {
        return "http://127.0.0.1:" + adminPort + "/status.txt?password=" + adminPassword;
    }

    String render() {
        return String.join("\n",
                "group = core",
                "admin-port = " + adminPort,
                "admin-interface = 127.0.0.1",
                "admin-password = " + adminPassword,
                "admin-allow-ip = 127.0.0.1",
                "smsbox-port = " + smsboxPort,
                "smsbox-interface = 127.0.0.1",
                "box-allow-ip = 127.0.0.1",
                "dlr-storage = internal",
                "log-file = " + quoted("bearerbox.log"),
                "log-level = 0",
                "access-log = " + quoted("access.log"),
                "",
                "group = smsc",
                "smsc = fake",
                "smsc-id = fake",
                "our-host = 127.0.0.1",
                "port = " + fakeSmscPort,
                "connect-allow-ip = 127.0.0.1",
                "",
                "group = smsbox",
                "bearerbox-host = 127.0.0.1",
                "bearerbox-port = " + smsboxPort,
                "sendsms-interface = 127.0.0.1",
                "sendsms-port = " + sendsmsPort,
                "log-file = " + quoted("smsbox.log"),
                "log-level = 0",
                "",
                "group = sendsms-user",
                "username = " + username,
                "password = " + password,
                "concatenation = true",
                "max-messages = 10",
                "",
                "group = sms-service",
                "keyword = default",
                "get-url = \"" + moUrl + "?from=%p&to=%P&text=%b&udh=%u&coding=%c&charset=%C\"",
                "max-messages = 0",
                "accept-x-kannel-headers = true",
                "");
    }

    private String quoted(String logFile) {
        return "\"" + directory.resolve(logFile) + "\"";
    }
}
