package dev.coffer.server.customer;

import dev.coffer.server.support.H2TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class CustomerDomainMigrationH2IT extends CustomerDomainMigrationIT {

    @Override
    DriverManagerDataSource emptyDatabase() {
        // the server's own H2 settings (application.properties)
        return new DriverManagerDataSource("jdbc:h2:file:" + H2TestDatabase.newHome() + "/db/coffer;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE", "sa", "");
    }
}
