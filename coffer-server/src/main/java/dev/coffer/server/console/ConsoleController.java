package dev.coffer.server.console;

import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.device.DeviceOverviews;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUserService;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The Management Console's pages: its login, My backups (settings and quotas with usage) and the agent download.
 * Every page reads the account afresh, so a suspension or removal ends a console session at its next click.
 */
@Controller
class ConsoleController {

    static final String LOGIN_VIEW = "console/login";
    static final String HOME_VIEW = "console/home";
    static final String DOWNLOAD_VIEW = "console/download";
    static final String WRONG_CREDENTIALS = "Wrong login or password.";
    static final String ENDED = "Your backup account is suspended or no longer exists, so you have been logged out. "
            + "Please contact your administrator.";
    private static final MediaType JAR = MediaType.parseMediaType("application/java-archive");

    private final CustomerService customers;
    private final CustomerUserService users;
    private final AgentDownload agent;
    private final ConsoleAccounts consoleAccounts;
    private final DeviceOverviews overviews;

    ConsoleController(CustomerService customers, CustomerUserService users, AgentDownload agent,
                      ConsoleAccounts consoleAccounts, DeviceOverviews overviews) {
        this.customers = customers;
        this.users = users;
        this.agent = agent;
        this.consoleAccounts = consoleAccounts;
        this.overviews = overviews;
    }

    @GetMapping(ConsolePaths.LOGIN)
    String login(@RequestParam(name = "error", required = false) String error,
                 @RequestParam(name = "ended", required = false) String ended, HttpSession session, Model model) {
        if (error != null) {
            model.addAttribute("loginError", describe(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)));
            model.addAttribute("lastLogin", dev.coffer.server.system.LastLoginMemory.lastLogin(session));
        } else if (ended != null) {
            model.addAttribute("loginError", ENDED);
        }
        return LOGIN_VIEW;
    }

    @GetMapping(ConsolePaths.BASE)
    String home(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request, Model model)
            throws ServletException {
        Optional<BackupAccount> account = current(user);
        if (account.isEmpty()) {
            return endSession(request);
        }
        BackupAccount a = account.get();
        model.addAttribute("menu", "home");
        model.addAttribute("account", a);
        model.addAttribute("userName", users.get(a.customerId(), a.userId()).name());
        model.addAttribute("customerName", customers.get(a.customerId()).name());
        DeviceOverviews.Overview overview = overviews.of(a);
        model.addAttribute("overview", overview);
        model.addAttribute("usage", overview.usage());
        model.addAttribute("deviceBase", ConsolePaths.devicesOf(a.userId()));
        return HOME_VIEW;
    }

    @GetMapping(ConsolePaths.DOWNLOAD)
    String download(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request, Model model)
            throws ServletException {
        if (current(user).isEmpty()) {
            return endSession(request);
        }
        model.addAttribute("menu", "download");
        model.addAttribute("jar", agent.describe().orElse(null));
        return DOWNLOAD_VIEW;
    }

    /** The jar itself; without an installed jar, the download page saying so (404), not a broken file. */
    @GetMapping(ConsolePaths.AGENT_JAR)
    Object agentJar(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request) throws ServletException {
        if (current(user).isEmpty()) {
            return endSession(request);
        }
        Optional<java.nio.file.Path> file = agent.file();
        if (file.isEmpty()) {
            ModelAndView page = new ModelAndView(DOWNLOAD_VIEW, HttpStatus.NOT_FOUND);
            page.addObject("menu", "download");
            return page;
        }
        Resource jar = new FileSystemResource(file.get());
        return ResponseEntity.ok()
                .contentType(JAR)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(ConsolePaths.AGENT_JAR_NAME).build().toString())
                .body(jar);
    }

    private Optional<BackupAccount> current(ConsoleUser user) {
        return consoleAccounts.current(user);
    }

    private static String endSession(HttpServletRequest request) throws ServletException {
        return ConsoleAccounts.endSession(request);
    }

    /**
     * Why a login failed. A wrong login and a wrong password read the same; a suspended account or disabled customer
     * (told only after a right password) and throttling carry their own message.
     */
    static String describe(Object failure) {
        if (failure instanceof BadCredentialsException || failure instanceof UsernameNotFoundException) {
            return WRONG_CREDENTIALS;
        }
        if (failure instanceof AuthenticationException e && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return WRONG_CREDENTIALS;
    }
}
