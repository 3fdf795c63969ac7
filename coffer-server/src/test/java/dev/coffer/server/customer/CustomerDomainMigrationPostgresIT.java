package dev.coffer.server.customer;

import dev.coffer.server.support.PostgresTestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class CustomerDomainMigrationPostgresIT extends CustomerDomainMigrationIT {

    @Override
    DriverManagerDataSource emptyDatabase() {
        return new DriverManagerDataSource(PostgresTestDatabase.create(), PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
    }
}
