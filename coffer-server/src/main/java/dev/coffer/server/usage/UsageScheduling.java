package dev.coffer.server.usage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled jobs (the usage reconciliation); {@code coffer.scheduling.enabled=false} turns them off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "coffer.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class UsageScheduling {
}
