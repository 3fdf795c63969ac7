package dev.coffer.server.identity;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.coffer.server.system.Inputs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: at most {@code coffer.login.max-failures-per-login} (5) attempts on one login of a
 * {@link LoginArea}, and {@code coffer.login.max-failures-per-address} (20) from one client address over all areas,
 * within {@code coffer.login.window} (15 minutes, a window that starts with its first attempt); further attempts are
 * refused without checking the password until the window ends.
 *
 * <p>An attempt is {@linkplain #reserve reserved} before its password is checked, by one conditional UPDATE in the
 * database, so at most the limit of passwords is ever checked per window, whatever the concurrency and across every
 * server instance that shares the database. A success clears that login's count in that area only, and gives back
 * the address's reservation; a failure keeps both.
 */
@Component
public class LoginThrottle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginThrottle.class);
    private static final String LOGIN = "LOGIN";
    private static final String ADDRESS = "ADDRESS";
    private static final String ANY_AREA = "*";

    private final ThrottleCounters counters;
    private final Clock clock;
    private final int maxPerLogin;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(ThrottleCounters counters, Clock clock,
                         @Value("${coffer.login.max-failures-per-login:5}") int maxPerLogin,
                         @Value("${coffer.login.max-failures-per-address:20}") int maxPerAddress,
                         @Value("${coffer.login.window:15m}") Duration window) {
        this.counters = counters;
        this.clock = clock;
        this.maxPerLogin = maxPerLogin;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** A reserved attempt: the caller reports exactly one outcome. */
    public interface Attempt {

        /** The password was right: the login's count in its area is cleared, the address's reservation given back. */
        void succeeded();

        /** The password was wrong (or the login refused): the reservation stays counted. */
        void failed();

        /** The password was never checked (the server was busy): the reservation is given back. */
        void abandoned();
    }

    /**
     * Reserves one attempt of {@code login} (if any, compared like logins are) from {@code address} in {@code area}.
     *
     * @throws LoginThrottledException when the login or the address has no attempt left in this window; nothing is
     *                                 counted then
     */
    public Attempt reserve(LoginArea area, Optional<String> login, String address) {
        try {
            return reserveCounted(area, login, address);
        } catch (TransientDataAccessException e) {
            // A lock wait timed out under a burst of logins: refuse this one unchecked (503), never a 500.
            throw new LoginBusyException(e, Duration.ofSeconds(2));
        }
    }

    private Attempt reserveCounted(LoginArea area, Optional<String> login, String address) {
        Instant now = clock.instant();
        ThrottleCounters.Counter byAddress = new ThrottleCounters.Counter(ANY_AREA, ADDRESS, address);
        if (!counters.tryReserve(byAddress, maxPerAddress, now, window)) {
            throw new LoginThrottledException(counters.retryAfter(byAddress, now, window));
        }
        Optional<ThrottleCounters.Counter> byLogin = login.map(l -> new ThrottleCounters.Counter(area.name(), LOGIN,
                Inputs.loginKey(l)));
        if (byLogin.isPresent() && !counters.tryReserve(byLogin.get(), maxPerLogin, now, window)) {
            counters.refund(byAddress);
            throw new LoginThrottledException(counters.retryAfter(byLogin.get(), now, window));
        }
        return new Attempt() {
            @Override
            public void succeeded() {
                try {
                    byLogin.ifPresent(counters::clear);
                    counters.refund(byAddress);
                } catch (TransientDataAccessException e) {
                    // The login has succeeded all the same; its reservation stays counted until the window ends.
                    log.warn("Could not clear a login's throttle count: {}", e.getMessage());
                }
            }

            @Override
            public void failed() {
                try {
                    counters.forgetOlderThan(clock.instant().minus(window));
                } catch (TransientDataAccessException e) {
                    log.debug("Old throttle counts stay for the next clean-up: {}", e.getMessage());
                }
            }

            @Override
            public void abandoned() {
                try {
                    byLogin.ifPresent(counters::refund);
                    counters.refund(byAddress);
                } catch (TransientDataAccessException e) {
                    log.warn("Could not give back a login's throttle reservation: {}", e.getMessage());
                }
            }
        };
    }

    /**
     * Throws {@link LoginThrottledException} when this login (if any, in the panel) or address may not try now.
     * Counts nothing: for secrets too long to guess (API tokens), where a failure is counted after the fact with
     * {@link #recordFailure} and a few concurrent extra guesses do not matter.
     */
    public void check(Optional<String> login, String address) {
        Instant now = clock.instant();
        ThrottleCounters.Counter byAddress = new ThrottleCounters.Counter(ANY_AREA, ADDRESS, address);
        if (!counters.allowed(byAddress, maxPerAddress, now, window)) {
            throw new LoginThrottledException(counters.retryAfter(byAddress, now, window));
        }
        if (login.isPresent()) {
            ThrottleCounters.Counter byLogin = panelLogin(login.get());
            if (!counters.allowed(byLogin, maxPerLogin, now, window)) {
                throw new LoginThrottledException(counters.retryAfter(byLogin, now, window));
            }
        }
    }

    /** Counts a failure of this login (if any, in the panel) and address, found without a {@link #reserve}. */
    public void recordFailure(Optional<String> login, String address) {
        Instant now = clock.instant();
        counters.forgetOlderThan(now.minus(window));
        counters.count(new ThrottleCounters.Counter(ANY_AREA, ADDRESS, address), now, window);
        login.ifPresent(l -> counters.count(panelLogin(l), now, window));
    }

    private static ThrottleCounters.Counter panelLogin(String login) {
        return new ThrottleCounters.Counter(LoginArea.PANEL.name(), LOGIN, Inputs.loginKey(login));
    }
}
