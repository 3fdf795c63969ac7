package dev.coffer.server.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases every integration test runs on. A test class extends an abstract {@code *IT} base and adds one
 * nested-free subclass per database ({@code ...H2IT}, {@code ...PostgresIT}) that calls {@link #register}.
 */
public enum Database {
    H2, POSTGRES;

    /** Points the application under test at a fresh, empty database of this kind. */
    public void register(DynamicPropertyRegistry registry) {
        switch (this) {
            case H2 -> {
                String home = H2TestDatabase.newHome().toString();
                registry.add("coffer.home", () -> home);
            }
            case POSTGRES -> {
                String url = PostgresTestDatabase.create();
                registry.add("spring.datasource.url", () -> url);
                registry.add("spring.datasource.username", PostgresTestDatabase::user);
                registry.add("spring.datasource.password", PostgresTestDatabase::password);
            }
        }
    }
}
