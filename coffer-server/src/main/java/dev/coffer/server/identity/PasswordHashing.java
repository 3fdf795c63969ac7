package dev.coffer.server.identity;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Every stored password (panel admins, backup accounts) is an Argon2id hash (BouncyCastle implementation). */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder(
            @Value("${coffer.password-hashing.max-concurrent:0}") int maxConcurrent,
            @Value("${coffer.password-hashing.max-waiting:-1}") int maxWaiting,
            @Value("${coffer.password-hashing.max-wait:2s}") Duration maxWait) {
        // 16 MiB, 2 iterations, parallelism 1: Spring Security's current recommendation, ~50 ms per check.
        // At most one computation per core (0 = the number of cores), twice as many waiting (-1): memory stays flat.
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = maxConcurrent > 0 ? maxConcurrent : cores;
        return new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), concurrent,
                maxWaiting >= 0 ? maxWaiting : 2 * concurrent, maxWait);
    }
}
