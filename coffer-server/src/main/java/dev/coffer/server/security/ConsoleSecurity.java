package dev.coffer.server.security;

import dev.coffer.server.backupaccount.AccountCredentials;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.console.ConsolePaths;
import dev.coffer.server.console.ConsoleSessions;
import dev.coffer.server.console.ConsoleUser;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.identity.LoginArea;
import dev.coffer.server.identity.LoginThrottle;
import dev.coffer.server.security.internal.ThrottledAuthenticationProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The Management Console's own security: a filter chain for {@code /console/**} only, ahead of the panel's, with
 * its own form login that authenticates backup accounts and nothing else.
 *
 * <p>The console keeps its login in its own session attribute (and its own saved request), so a panel admin's
 * session never counts as logged in here and a console login never counts in the panel, even in one browser.
 * The password is checked before the account's status, so "suspended" is only ever told to someone who knows the
 * password; wrong passwords count in the {@link LoginThrottle}'s console area.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String CONTEXT_ATTRIBUTE = "COFFER_CONSOLE_SECURITY_CONTEXT";
    private static final String SAVED_REQUEST_ATTRIBUTE = "COFFER_CONSOLE_SAVED_REQUEST";

    @Bean
    @Order(0)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, BackupAccountService accounts, CustomerService customers,
                                        PasswordEncoder encoder, LoginThrottle throttle) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);

        http.securityMatcher(ConsolePaths.BASE + "/**", ConsolePaths.BASE)
                .authenticationManager(authenticationManager(accounts, customers, encoder, throttle))
                .securityContext(context -> context.securityContextRepository(contexts))
                .addFilterAfter(ConsoleSessions.revalidation(accounts, CONTEXT_ATTRIBUTE),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .requestCache(cache -> cache.requestCache(savedRequests))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(ConsolePaths.LOGIN).permitAll()
                        .anyRequest().hasRole(ConsoleUser.ROLE))
                .formLogin(form -> form.loginPage(ConsolePaths.LOGIN)
                        .defaultSuccessUrl(ConsolePaths.BASE)
                        .failureUrl(ConsolePaths.LOGIN + "?error")
                        .securityContextRepository(contexts)
                        .permitAll())
                .logout(logout -> logout.logoutUrl(ConsolePaths.LOGOUT)
                        .logoutSuccessUrl(ConsolePaths.LOGIN + "?logout")
                        // the panel may be logged in in the same browser session: end only the console's login
                        .invalidateHttpSession(false)
                        .addLogoutHandler((request, response, authentication) ->
                                contexts.saveContext(org.springframework.security.core.context.SecurityContextHolder
                                        .createEmptyContext(), request, response)));
        return http.build();
    }

    /** Not a bean: the panel's chains take the one AuthenticationManager bean (panel admins) by type. */
    private static AuthenticationManager authenticationManager(BackupAccountService accounts,
                                                               CustomerService customers, PasswordEncoder encoder,
                                                               LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(login -> load(accounts, customers, login));
        passwords.setPasswordEncoder(encoder);
        passwords.setPreAuthenticationChecks(user -> { });
        passwords.setPostAuthenticationChecks(ConsoleSecurity::refuseIfBlocked);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, LoginArea.CONSOLE));
    }

    private static UserDetails load(BackupAccountService accounts, CustomerService customers, String login) {
        AccountCredentials found = accounts.findCredentials(login)
                .orElseThrow(() -> new UsernameNotFoundException("no such backup account"));
        boolean customerEnabled = customers.get(found.account().customerId()).enabled();
        return new ConsoleUser(found.account(), customerEnabled, found.passwordHash());
    }

    private static void refuseIfBlocked(UserDetails user) {
        ((ConsoleUser) user).refusal().ifPresent(r -> {
            throw new DisabledException(r.message());
        });
    }
}
