package dev.coffer.server.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

/**
 * Strict JSON for the API: an unknown field, a fraction where a whole number belongs, a string where a number
 * belongs, a null for a yes/no value, a number where text belongs, a key given twice, a lone surrogate or trailing
 * garbage is refused (and named) rather than silently guessed; text is normalised to NFC ({@link StrictText}).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // a key given twice is refused, not "the last one wins"
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // text only from JSON strings, valid Unicode, in NFC
                .addModule(new tools.jackson.databind.module.SimpleModule("coffer-strict-text")
                        .addDeserializer(String.class, new StrictText()));
    }
}
