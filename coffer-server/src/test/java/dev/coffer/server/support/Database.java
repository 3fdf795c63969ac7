package dev.coffer.server.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases every integration test runs on. A test class extends an abstract {@code *IT} base and adds one
 * nested-free subclass per database ({@code ...H2IT}, {@code ...PostgresIT}) that calls {@link #register} in a
 * {@code @DynamicPropertySource} (a fresh database for that class), or is annotated
 * {@code @ContextConfiguration(initializers = Database.OnH2.class)} / {@link OnPostgres}: then every such class with
 * the same Spring configuration shares one application context and one database, so Spring starts once per
 * database instead of once per class. Tests sharing a database must create their own, uniquely named data.
 */
public enum Database {
    H2, POSTGRES;

    /** Points the application under test at a fresh, empty database of this kind. */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, v::get));
    }

    private Map<String, Supplier<Object>> properties() {
        Map<String, Supplier<Object>> p = new HashMap<>();
        switch (this) {
            case H2 -> {
                String home = H2TestDatabase.newHome().toString();
                p.put("coffer.home", () -> home);
            }
            case POSTGRES -> {
                String url = PostgresTestDatabase.create();
                // the server keeps files under COFFER_HOME too (repositories, key-encryption key): never in ./data
                String home = H2TestDatabase.newHome().toString();
                p.put("coffer.home", () -> home);
                p.put("spring.datasource.url", () -> url);
                p.put("spring.datasource.username", PostgresTestDatabase::user);
                p.put("spring.datasource.password", PostgresTestDatabase::password);
            }
        }
        return p;
    }

    private void apply(ConfigurableApplicationContext context) {
        Map<String, Object> values = new HashMap<>();
        properties().forEach((k, v) -> values.put(k, v.get()));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("coffer-test-" + this, values));
    }

    /** A fresh H2 database for the (shared) application context. */
    public static final class OnH2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            H2.apply(context);
        }
    }

    /** A fresh PostgreSQL database for the (shared) application context. */
    public static final class OnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            POSTGRES.apply(context);
        }
    }
}
