package dev.coffer.server.customer;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class CustomerDomainsApiH2IT extends CustomerDomainsApiIT {
}
