package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness of the end-to-end tests: the agent jar run as its own process with its own configuration directory,
 * accounts provisioned through the API with a known password, test trees of incompressible files, and the checks
 * that the usage the API shows is what the account's store holds.
 *
 * <p>One quota "GB" is 20 MB here ({@code coffer.quota.gigabyte}, a provider setting that is 10^9 by default), so that
 * a quota is reached with tens of megabytes of test data instead of gigabytes; the enforcement path is the same.
 */
@TestPropertySource(properties = "coffer.quota.gigabyte=" + AgentEndToEndSupport.GB)
abstract class AgentEndToEndSupport extends ApiTestSupport {

    static final long GB = 20_000_000L;
    static final String PASSWORD = "Agent-End-To-End-Pass-1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path AGENT_JAR = Path.of(System.getProperty("coffer.agent.jar",
            "../coffer-agent/target/coffer-agent.jar"));

    @Autowired
    AccountStores stores;

    @TempDir
    Path dir;

    record Account(Tenant tenant, long userId, long id, String login) {
        String path() {
            return "/api/v1/users/" + userId + "/backup-account";
        }
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    String server() {
        return "http://localhost:" + port;
    }

    /** A customer with a user who has the backup service with {@code quotas}; the account's password is known. */
    Account account(String quotas) {
        return account(quotas, "NONE", false);
    }

    /**
     * {@link #account(String)} with the account's notification level and quota alert switch; the login is the
     * user's email address, where its notifications go.
     */
    Account account(String quotas, String notificationLevel, boolean quotaNotifications) {
        Tenant t = tenant(null);
        String login = t.address("user");
        long userId = user(t, login);
        Api.Response r = t.admin().put("/api/v1/users/" + userId + "/backup-account", "{\"password\":"
                + Api.json(PASSWORD) + ",\"notificationLevel\":\"" + notificationLevel + "\",\"quotaNotifications\":"
                + quotaNotifications + ",\"manageOtherUsers\":false,\"quotas\":" + quotas + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Account(t, userId, r.json().path("id").asLong(), login);
    }

    JsonNode usage(Account a) {
        Api.Response r = a.tenant().admin().get(a.path());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("usage");
    }

    List<StoreEntry> objects(Account a, String prefix) {
        return stores.store(a.id()).list(prefix);
    }

    /** After every step: the figure the panel and API show is the bytes the account's store holds. */
    void assertUsageMatchesStore(Account a) {
        Store store = stores.store(a.id());
        long inStore = store.list("").stream().filter(e -> !e.name().startsWith("locks/"))
                .mapToLong(StoreEntry::size).sum();
        assertThat(usage(a).path("storageBytes").asLong()).isEqualTo(inStore);
    }

    static String token(Path config) throws IOException {
        return JSON.readTree(Files.readString(config.resolve("agent.json"))).path("deviceToken").asString();
    }

    /** Runs the agent jar as a process with its own configuration directory; the password comes from the environment. */
    Run agent(Path config, String... args) throws Exception {
        assertThat(AGENT_JAR).as("the agent jar (built by the coffer-agent module)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", AGENT_JAR.toString(), "--config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("COFFER_REPO");
        env.remove("COFFER_AGENT_HOME");
        env.put("COFFER_PASSWORD", PASSWORD);
        env.put("HOME", dir.toString());
        Path out = Files.createTempFile(dir, "agent", ".out");
        Path err = Files.createTempFile(dir, "agent", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the agent did not finish in 5 minutes: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** {@code files} files of {@code size} random (incompressible) bytes, plus a small text file. */
    static Path tree(Path root, int files, int size) throws IOException {
        Files.createDirectories(root.resolve("sub"));
        SplittableRandom random = new SplittableRandom(root.toString().hashCode());
        byte[] buf = new byte[size];
        for (int i = 0; i < files; i++) {
            for (int j = 0; j < size; j += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && j + k < size; k++) {
                    buf[j + k] = (byte) (v >>> (8 * k));
                }
            }
            Files.write(root.resolve(i % 2 == 0 ? "f" + i + ".bin" : "sub/f" + i + ".bin"), buf);
        }
        Files.writeString(root.resolve("notes.txt"), "hello from the end-to-end test\n");
        return root;
    }

    static long sizeOf(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> s = Files.walk(expected)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path restored = actual.resolve(expected.relativize(p));
                assertThat(restored).exists();
                assertThat(Files.mismatch(p, restored)).as(restored.toString()).isEqualTo(-1L);
            }
        }
    }
}
