package dev.coffer.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void generatedPasswordsAreAcceptedAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = PasswordPolicy.generate();
            assertThat(p).hasSize(16).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*")
                    .matches(".*[^A-Za-z0-9].*");
            assertThat(PasswordPolicy.problems(p, "someone@example.com")).isEmpty();
            seen.add(p);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void refusesShortSimpleOrLoginContainingPasswords() {
        assertThat(PasswordPolicy.problems("Short1!")).containsExactly("must be at least 12 characters");
        assertThat(PasswordPolicy.problems("alllowercaseletters"))
                .containsExactly("must contain at least three of: lower-case letters, upper-case letters, digits, symbols");
        assertThat(PasswordPolicy.problems("xJohn.Smith-2024x", "john.smith")).containsExactly("must not contain the login");
        assertThat(PasswordPolicy.problems("A".repeat(100) + "a1".repeat(20))).containsExactly("must be at most 128 characters");
        assertThat(PasswordPolicy.problems("")).containsExactly("must not be empty");
        assertThat(PasswordPolicy.problems("Correct-Horse-42")).isEmpty();
    }
}
