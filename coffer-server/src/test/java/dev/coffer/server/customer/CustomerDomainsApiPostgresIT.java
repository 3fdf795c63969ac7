package dev.coffer.server.customer;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class CustomerDomainsApiPostgresIT extends CustomerDomainsApiIT {
}
