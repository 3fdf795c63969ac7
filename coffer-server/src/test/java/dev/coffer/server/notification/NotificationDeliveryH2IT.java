package dev.coffer.server.notification;

import dev.coffer.server.support.Database;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link NotificationDeliveryIT} on the embedded H2 database. */
class NotificationDeliveryH2IT extends NotificationDeliveryIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.H2.register(registry);
    }
}
