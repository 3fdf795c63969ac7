package dev.coffer.server.security;

import dev.coffer.server.apitoken.ApiTokenAuthenticationFilter;
import dev.coffer.server.apitoken.ApiTokenService;
import dev.coffer.server.identity.LoginArea;
import dev.coffer.server.identity.LoginThrottle;
import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.identity.PanelLoginChecks;
import dev.coffer.server.identity.PanelRole;
import dev.coffer.server.identity.PanelSessions;
import dev.coffer.server.security.internal.ThrottledAuthenticationProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may reach which path. Two chains: {@code /api/**} is stateless (HTTP Basic with a panel admin's login, or a
 * Bearer API token), without CSRF (no cookies are accepted there), answering 401/403/429 as problem details;
 * everything else is the panel, with form login at {@code /login}, a session cookie and CSRF protection. Password
 * logins of both go through the {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String PROVIDER = PanelRole.PROVIDER_ADMIN.name();
    static final String CUSTOMER = PanelRole.CUSTOMER_ADMIN.name();

    @Bean
    AuthenticationManager authenticationManager(PanelAdmins admins, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(admins);
        passwords.setPasswordEncoder(encoder);
        // The password before the status (as the console does): "disabled" is told only to who knows the password.
        passwords.setPreAuthenticationChecks(user -> { });
        passwords.setPostAuthenticationChecks(PanelLoginChecks::refuseIfDisabled);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, LoginArea.PANEL));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager manager, ApiTokenService tokens,
                                    LoginThrottle throttle) throws Exception {
        ApiAuthenticationResponses responses = new ApiAuthenticationResponses();
        http.securityMatcher("/api/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*").hasRole(PROVIDER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/disable", "/api/v1/customers/*/enable")
                        .hasRole(PROVIDER)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Coffer").authenticationEntryPoint(responses))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, throttle, responses),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain panelSecurity(HttpSecurity http, AuthenticationManager manager, PanelAdmins admins)
            throws Exception {
        http.authenticationManager(manager)
                .addFilterAfter(PanelSessions.revalidation(admins), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/provider/**").hasRole(PROVIDER)
                        .requestMatchers("/customer/**").hasRole(CUSTOMER)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureUrl("/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
