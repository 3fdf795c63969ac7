package dev.coffer.server.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach which path. Two chains: {@code /api/**} is stateless (HTTP Basic with a panel admin's login, or a
 * Bearer API token), without CSRF, answering 401/403 as problem details; everything else is the panel, with form
 * login at {@code /login}, a session cookie and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PROVIDER = PanelRole.PROVIDER_ADMIN.name();
    static final String CUSTOMER = PanelRole.CUSTOMER_ADMIN.name();

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/disable", "/api/v1/customers/*/enable")
                        .hasRole(PROVIDER)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Coffer"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain panelSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/provider/**").hasRole(PROVIDER)
                        .requestMatchers("/customer/**").hasRole(CUSTOMER)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
