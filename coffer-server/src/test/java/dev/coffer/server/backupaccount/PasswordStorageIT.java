package dev.coffer.server.backupaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Passwords are stored only as Argon2id hashes: neither a chosen nor a generated password appears in any text
 * column of any table, nor in the server's log output.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class PasswordStorageIT extends ApiTestSupport {

    @Test
    void plaintextPasswordsAppearNowhereButTheHashIsArgon2id(CapturedOutput log) {
        Tenant tenant = tenant(null);
        String chosen = "Chosen-Plaintext-" + unique("Pw");
        long chosenUser = user(tenant, tenant.address("chosen"));
        Api.Response r1 = tenant.admin().put("/api/v1/users/" + chosenUser + "/backup-account", "{\"password\":"
                + Api.json(chosen) + ",\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,\"manageOtherUsers\":false}");
        assertThat(r1.status()).as(r1.toString()).isEqualTo(201);
        long generatedUser = user(tenant, tenant.address("gen"));
        Api.Response r2 = tenant.token().put("/api/v1/users/" + generatedUser + "/backup-account",
                "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,\"manageOtherUsers\":false}");
        String generated = r2.json().path("password").asString();
        assertThat(generated).hasSize(16);
        String changed = "Changed-Plaintext-" + unique("Pw");
        assertThat(tenant.admin().post("/api/v1/users/" + chosenUser + "/backup-account/password",
                "{\"password\":" + Api.json(changed) + "}").status()).isEqualTo(200);
        // A failed login with a password-like string must not be logged either.
        String guessed = "Guessed-Plaintext-" + unique("Pw");
        assertThat(anonymous().basic(tenant.adminLogin(), guessed).get("/api/v1/customers/" + tenant.id()).status())
                .isEqualTo(401);

        List<String> secrets = List.of(chosen, generated, changed, tenant.adminPassword(), guessed);
        List<String> text = allTextInTheDatabase();
        for (String secret : secrets) {
            assertThat(text).noneMatch(v -> v.contains(secret));
            assertThat(log.getAll()).doesNotContain(secret);
        }
        List<String> hashes = jdbc.sql("SELECT password_hash FROM backup_account UNION ALL SELECT password_hash FROM panel_user")
                .query(String.class).list();
        assertThat(hashes).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("$argon2id$v=19$m=16384,t=2,p=1$"));
        jdbc.sql("DELETE FROM login_throttle").update();
    }

    /** Every value of every character column of every application table. */
    private List<String> allTextInTheDatabase() {
        List<String[]> columns = jdbc.sql("SELECT table_name, column_name FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND (data_type LIKE '%char%' OR data_type LIKE '%CHAR%' "
                        + "OR data_type LIKE '%text%')")
                .query((rs, n) -> new String[] {rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT)})
                .list();
        assertThat(columns).extracting(c -> c[0]).contains("backup_account", "panel_user", "api_token");
        List<String> values = new ArrayList<>();
        for (String[] c : columns) {
            values.addAll(jdbc.sql("SELECT " + c[1] + " FROM " + c[0] + " WHERE " + c[1] + " IS NOT NULL")
                    .query(String.class).list());
        }
        return values;
    }
}
