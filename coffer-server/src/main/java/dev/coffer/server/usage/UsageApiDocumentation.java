package dev.coffer.server.usage;

import dev.coffer.server.quota.DeviceTypeSchemas;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents {@link UsageJson}'s device types, which its schema cannot show by itself (see {@link DeviceTypeSchemas}). */
@Configuration(proxyBeanMethods = false)
class UsageApiDocumentation {

    @Bean
    OpenApiCustomizer usageDeviceGroups() {
        return api -> DeviceTypeSchemas.addDeviceGroups(api, "UsageJson", UsageJson.Type.class);
    }
}
