package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What the tests of the real agent jar against the real server share: backup accounts with a known password made
 * through the API, the agent run as its own process (to its end, or in the background as a service), and generated
 * trees of incompressible files, and the checks that the usage the API shows is what the account's store holds.
 *
 * <p>One quota "GB" is 20 MB here ({@code coffer.quota.gigabyte}, a provider setting that is 10^9 by default), so that
 * a quota is reached with tens of megabytes of test data instead of gigabytes; the enforcement path is the same.
 */
@TestPropertySource(properties = "coffer.quota.gigabyte=" + AgentTestSupport.GB)
abstract class AgentTestSupport extends ApiTestSupport {

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

    /** An agent process that keeps running (e.g. {@code run}); {@link #close()} ends it if it is still alive. */
    record Background(Process process, Path out, Path err) implements AutoCloseable {

        String stderr() throws IOException {
            return Files.readString(err);
        }

        /** Waits until the agent printed {@code text} on stderr {@code times} times; fails past the deadline. */
        void awaitErr(String text, int times, Duration deadline) throws Exception {
            long end = System.nanoTime() + deadline.toNanos();
            while (stderr().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    throw new AssertionError("the agent did not print '" + text + "' " + times + " time(s) within "
                            + deadline + (process.isAlive() ? "" : " (it ended with " + process.exitValue() + ")")
                            + ":\n" + this);
                }
                Thread.sleep(100);
            }
        }

        /** The exit code once the agent ended; fails when it still runs past the deadline. */
        int awaitExit(Duration deadline) throws Exception {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the agent still runs after " + deadline + ":\n" + this);
            }
            return process.exitValue();
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        @Override
        public String toString() {
            try {
                return "stdout:\n" + Files.readString(out) + "\nstderr:\n" + stderr();
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
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

    static String deviceId(Path config) throws IOException {
        return JSON.readTree(Files.readString(config.resolve("agent.json"))).path("deviceId").asString();
    }

    /** Runs the agent jar as a process with its own configuration directory, to its end (at most 5 minutes). */
    Run agent(Path config, String... args) throws Exception {
        try (Background p = startAgent(config, args)) {
            if (!p.process().waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the agent did not finish in 5 minutes: " + String.join(" ", args));
            }
            return new Run(p.process().exitValue(), Files.readString(p.out()), p.stderr());
        }
    }

    /** Starts the agent jar as a process; the password comes from the environment. The caller closes it. */
    Background startAgent(Path config, String... args) throws IOException {
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
        return new Background(pb.start(), out, err);
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
