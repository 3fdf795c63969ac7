package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The directives file must stay valid for the JVM: a broken one would silently leave the JIT unfocused. */
class JitFocusTest {

    @Test
    void theJvmAcceptsBothDirectives() throws Exception {
        assertThat(JitFocus.apply()).isEqualTo("2 compiler directives added");
    }
}
