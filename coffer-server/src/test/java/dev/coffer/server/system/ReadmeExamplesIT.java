package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.server.CofferServerApplication;
import dev.coffer.server.support.H2TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's curl walk-through, run as written with bash and curl against a fresh server on its embedded defaults
 * (the ids it uses, 1, are a fresh server's). Only the address and the provider's password are filled in. Each
 * command's answer must be what its {@code # -> STATUS} comment says, with the {@code ETag} it names, and what the
 * comments promise about the stored values must hold afterwards.
 */
class ReadmeExamplesIT {

    private static final String ADMIN_PASSWORD = "Readme-Provider-Pass-1";
    private static final Pattern EXPECTED = Pattern.compile("# -> (\\d{3})(?:.*?ETag: \"(\\d+)\")?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void freshServer() {
        Path home = H2TestDatabase.newHome();
        server = new SpringApplicationBuilder(CofferServerApplication.class).run("--coffer.home=" + home,
                "--server.port=0", "--coffer.admin-password=" + ADMIN_PASSWORD, "--spring.jmx.enabled=false",
                "--coffer.notifications.worker.enabled=false");
        base = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Expected(int status, String etag) {
    }

    @Test
    void theCurlExamplesDoWhatTheirCommentsSay() throws Exception {
        String block = curlBlock(Files.readString(readme()));
        List<Expected> expected = new ArrayList<>();
        Matcher m = EXPECTED.matcher(block);
        while (m.find()) {
            expected.add(new Expected(Integer.parseInt(m.group(1)), m.group(2)));
        }
        assertThat(expected).as("the README's curl block comments each command's answer").hasSizeGreaterThanOrEqualTo(6);

        Path out = Files.createTempDirectory("coffer-readme-");
        String script = "set -u\nN=0\n"
                // curl as written, with each answer's status and headers kept aside (-i, when written, stays)
                + "curl() { N=$((N+1)); command curl -sS -D \"" + out + "/$N.headers\" -o \"" + out + "/$N.body\" "
                + "-w '%{http_code}\\n' \"$@\" >> \"" + out + "/statuses\"; }\n"
                + block.replace("http://localhost:8080", base).replace("ADMIN-PASSWORD", ADMIN_PASSWORD);
        Path file = out.resolve("readme.sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(2, TimeUnit.MINUTES)).as("the examples finish").isTrue();
        assertThat(bash.exitValue()).as("bash ran the examples: " + output).isZero();

        List<String> statuses = Files.readAllLines(out.resolve("statuses"));
        assertThat(statuses).as("one answer per commented command").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            int n = i + 1;
            String body = Files.readString(out.resolve(n + ".body"));
            assertThat(Integer.parseInt(statuses.get(i))).as("command " + n + " answered " + body)
                    .isEqualTo(expected.get(i).status());
            if (expected.get(i).etag() != null) {
                assertThat(Files.readString(out.resolve(n + ".headers")).toLowerCase())
                        .as("command " + n + "'s ETag").contains("etag: \"" + expected.get(i).etag() + "\"");
            }
        }
        assertThat(Files.readString(out.resolve("3.body"))).as("the password is returned once, on assign")
                .contains("\"password\"");

        // what the comments promise about the stored values
        JsonNode account = JSON.readTree(get("/api/v1/users/1/backup-account"));
        assertThat(account.at("/login").asText()).as("login defaults to the email").isEqualTo("jane@acme.example");
        assertThat(account.at("/notificationLevel").asText()).isEqualTo("ALL");
        assertThat(account.at("/quotas/storage/limitGb").asLong()).isEqualTo(200);
        assertThat(account.at("/quotas/storage/overageGb").isNull()).as("explicit null overage: soft quota").isTrue();
        assertThat(account.at("/quotas/servers/storageGb").asLong()).as("left out of the PUT: keeps its 50 GB")
                .isEqualTo(50);
        assertThat(account.at("/quotas/servers/devices").asLong()).as("the PATCH's one change").isEqualTo(3);
        JsonNode retention = JSON.readTree(get("/api/v1/users/1/backup-account/retention"));
        assertThat(retention.at("/keepLast").asInt()).isEqualTo(3);
        assertThat(retention.at("/keepDaily").asInt()).isEqualTo(7);
        assertThat(retention.at("/keepYearly").asInt()).isEqualTo(2);
    }

    private static String get(String path) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "-u", "acme-admin:Correct-Horse-Battery-9",
                base + path).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(curl.exitValue()).as("GET " + path + ": " + body).isZero();
        return body;
    }

    /** The sh block under the README's "REST API" heading. */
    static String curlBlock(String readme) {
        int heading = readme.indexOf("## REST API");
        assertThat(heading).as("the README has its REST API section").isNotNegative();
        int start = readme.indexOf("```sh\n", heading);
        int end = readme.indexOf("\n```", start + 6);
        assertThat(start).isPositive();
        return readme.substring(start + "```sh\n".length(), end + 1);
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("coffer-server"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
    }
}
