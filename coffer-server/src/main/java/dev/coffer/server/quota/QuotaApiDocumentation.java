package dev.coffer.server.quota;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents {@link QuotasJson}'s device groups, which its schema cannot show by itself (see {@link DeviceTypeSchemas}). */
@Configuration(proxyBeanMethods = false)
class QuotaApiDocumentation {

    @Bean
    OpenApiCustomizer quotaDeviceGroups() {
        return api -> DeviceTypeSchemas.addDeviceGroups(api, "Quotas", QuotasJson.Devices.class);
    }
}
