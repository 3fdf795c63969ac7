package dev.coffer.server.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of service-level tests: the whole application (no HTTP port) on a fresh H2 database shared by every test
 * class that extends this, so Spring starts once. Tests stay independent by creating their own customers with
 * {@link #unique} names and logins.
 */
@SpringBootTest(properties = "coffer.admin-password=Provider-Secret-Pass-1")
public abstract class ServerTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.H2.register(registry);
    }

    /** {@code prefix} plus a suffix no other call in this JVM returns. */
    protected static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
