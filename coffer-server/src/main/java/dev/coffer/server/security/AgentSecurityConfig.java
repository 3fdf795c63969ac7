package dev.coffer.server.security;

import dev.coffer.server.device.AgentProblem;
import dev.coffer.server.device.AgentProblemException;
import dev.coffer.server.device.DeviceAuthenticator;
import dev.coffer.server.device.DeviceTokenFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The agent protocol's chain, before every other: {@code /agent/**} is stateless, without sessions or CSRF (no
 * cookies are accepted), authenticated by device tokens only ({@link DeviceTokenFilter}); {@code POST
 * /agent/v1/register} is the one anonymous call. Refusals are the protocol's problem details.
 */
@Configuration(proxyBeanMethods = false)
class AgentSecurityConfig {

    /**
     * No observations of Spring Security's filter chains: with them every filter of every request is wrapped in an
     * observation of its own (the agent's object reads and uploads pass about fifteen), which cost each request
     * CPU and gave the JIT that much more code to compile; the request itself is still observed
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(0)
    SecurityFilterChain agentSecurity(HttpSecurity http, DeviceAuthenticator authenticator) throws Exception {
        http.securityMatcher("/agent/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/agent/v1/register").permitAll()
                        .anyRequest().hasRole(DeviceTokenFilter.ROLE))
                .addFilterBefore(new DeviceTokenFilter(authenticator), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> AgentProblem.write(request, response,
                                AgentProblem.UNAUTHENTICATED.exception("send Authorization: Bearer coffer_dev_... "
                                        + "(the device token in agent.json)")))
                        .accessDeniedHandler((request, response, ex) -> AgentProblem.write(request, response,
                                new AgentProblemException(AgentProblem.UNAUTHENTICATED, 401,
                                        "only a registered device may do this", java.util.Map.of()))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
