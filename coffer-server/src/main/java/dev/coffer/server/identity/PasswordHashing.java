package dev.coffer.server.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Every stored password (panel admins, backup accounts) is an Argon2id hash (BouncyCastle implementation). */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder() {
        // 16 MiB, 2 iterations, parallelism 1: Spring Security's current recommendation, ~50 ms per check.
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
