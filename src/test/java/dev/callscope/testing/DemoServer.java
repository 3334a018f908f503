package dev.callscope.testing;

import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileBook;
import dev.callscope.profiles.ProfileStore;
import dev.callscope.secrets.PlainSecretFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For screenshots and trying the window by hand, with no ClickHouse server on the machine: serves
 * the demo workload over HTTPS with a self-signed certificate, and over HTTP behind a relay that
 * can stall or go away, and writes matching profiles into a config directory.
 *
 * <pre>
 * ./mvnw -q -o exec:exec -Dexec.classpathScope=test -Dmain.class=dev.callscope.testing.DemoServer \
 *     -Dcallscope.args="/tmp/cs-conf/callscope tls|flaky [stall|stop] [seconds]"
 * </pre>
 * Then start the app with {@code XDG_CONFIG_HOME=/tmp/cs-conf}: it reconnects to the chosen profile.
 */
public final class DemoServer {

    private DemoServer() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String last = args.length > 1 ? args[1] : "tls";
        String fault = args.length > 2 ? args[2] : "";
        long after = args.length > 3 ? Long.parseLong(args[3]) : 30;
        DemoData.ensureLoaded(20_000);
        Path tmp = Files.createTempDirectory("callscope-demo-server");
        TestCertificate cert = TestCertificate.selfSigned(tmp, "selfsigned", "ip:127.0.0.1,dns:localhost");
        ChdbHttpEndpoint https = ChdbHttpEndpoint.startHttps("viewer", "demo-pw", cert.serverContext());
        ChdbHttpEndpoint http = ChdbHttpEndpoint.start("viewer", "demo-pw");
        FaultyServer relay = FaultyServer.start(FaultyServer.Fault.RELAY, http.url());

        Files.createDirectories(config);
        Profile tls = new Profile.Server(
                "demo-tls",
                "Test server (self-signed)",
                "127.0.0.1",
                https.port(),
                true,
                "viewer",
                "default",
                TlsTrust.Kind.NO_VERIFY,
                null,
                Profile.PasswordStorage.PLAIN_FILE,
                Guardrails.DEFAULTS);
        Profile flaky = new Profile.Server(
                "demo-flaky",
                "Flaky server",
                "127.0.0.1",
                relay.port(),
                false,
                "viewer",
                "default",
                null,
                null,
                Profile.PasswordStorage.PLAIN_FILE,
                Guardrails.DEFAULTS);
        Profile verified = new Profile.Server(
                "demo-verified",
                "Same server, verified",
                "127.0.0.1",
                https.port(),
                true,
                "viewer",
                "default",
                TlsTrust.Kind.VERIFY,
                null,
                Profile.PasswordStorage.ASK,
                null);
        ProfileBook book = ProfileBook.defaults(
                        Path.of(System.getProperty("user.home"), ".local/share/callscope/engine"))
                .withSaved(tls)
                .withSaved(flaky)
                .withSaved(verified)
                .withLastUsed("flaky".equals(last) ? flaky.id() : tls.id());
        new ProfileStore(config, Path.of("/unused")).save(book);
        PlainSecretFile passwords = new PlainSecretFile(config);
        passwords.write(tls.id(), "demo-pw");
        passwords.write(flaky.id(), "demo-pw");
        System.out.println(
                "DemoServer: " + https.url() + " (self-signed), " + relay.url() + " (relay); profiles in " + config);

        if (!fault.isEmpty()) {
            Thread.sleep(after * 1000);
            if (fault.equals("stall")) {
                relay.setFault(FaultyServer.Fault.STALL);
            } else {
                relay.stop();
            }
            System.out.println("DemoServer: relay " + fault);
        }
        Thread.currentThread().join(); // until killed
    }
}
