package dev.coffer.server.backupaccount;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.QuotasJson;
import dev.coffer.server.system.Versions;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import dev.coffer.server.usage.UsageJson;
import dev.coffer.server.usage.UsageLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for a user's backup account. The user's customer comes from the admin (customer admins) or from the
 * user (provider admins); a user of another customer is not found.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/backup-account")
@Tag(name = "Backup accounts")
class BackupAccountApi {

    private final BackupAccountService accounts;
    private final CustomerUserService users;
    private final UsageLedger usage;

    BackupAccountApi(BackupAccountService accounts, CustomerUserService users, UsageLedger usage) {
        this.accounts = accounts;
        this.users = users;
        this.usage = usage;
    }

    record BackupAccountRequest(String login, String password, NotificationLevel notificationLevel,
                                Boolean quotaNotifications, Boolean manageOtherUsers, QuotasJson quotas, Long version) {
    }

    record PasswordRequest(String password) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BackupAccountResponse(long id, long customerId, long userId, String login,
                                 NotificationLevel notificationLevel, boolean quotaNotifications,
                                 boolean manageOtherUsers, QuotasJson quotas, AccountStatus status, Instant createdAt,
                                 long version, String password, UsageJson usage) {

        static BackupAccountResponse of(BackupAccount a, Optional<String> generatedPassword, UsageJson usage) {
            return new BackupAccountResponse(a.id(), a.customerId(), a.userId(), a.login(), a.notificationLevel(),
                    a.quotaNotifications(), a.manageOtherUsers(), QuotasJson.from(a.quotas()), a.status(),
                    a.createdAt(), a.version(), generatedPassword.orElse(null), usage);
        }
    }

    @PutMapping
    @Operation(summary = "Assign the backup service (201) or change its settings (200)",
            description = "login omitted = the user's email (on assign) or unchanged (on update). notificationLevel and "
                    + "quotaNotifications omitted = ERRORS_AND_WARNINGS and true (on assign) or unchanged (on update). "
                    + "password omitted on "
                    + "assign = generated and returned once as password. An update needs If-Match or version; a stale "
                    + "one gets 409. Quotas may not exceed what the customer has left. On assign a limit left out is "
                    + "Unlimited (refused where the customer's own quota is limited) and an overage left out is 0. "
                    + "On update a limit or overage left out keeps its current value and only an explicit null means "
                    + "Unlimited; for partial changes use PATCH with a JSON Merge Patch.")
    ResponseEntity<BackupAccountResponse> put(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId,
                                              @RequestBody BackupAccountRequest body,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long customerId = customerOf(admin, userId);
        Optional<BackupAccount> existing = accounts.find(customerId, userId);
        List<FieldProblem> problems = new ArrayList<>();
        if (body.manageOtherUsers() == null) {
            problems.add(new FieldProblem("manageOtherUsers", "must be true or false"));
        }
        if (existing.isPresent() && body.password() != null) {
            problems.add(new FieldProblem("password", "cannot be changed here; use POST .../backup-account/password"));
        }
        ValidationException.throwIfAny(problems);
        String login = body.login() != null ? body.login()
                : existing.map(BackupAccount::login).orElseGet(() -> users.get(customerId, userId).email());
        // On a change, a limit left out keeps its value: a client that omits a field must never widen a quota.
        Quotas quotas = existing.isPresent()
                ? (body.quotas() == null ? existing.get().quotas() : body.quotas().toQuotas(existing.get().quotas()))
                : (body.quotas() == null ? Quotas.unlimited() : body.quotas().toQuotas());
        // omitted notification settings: the defaults on assign (errors and warnings, quota alerts on), else unchanged
        NotificationLevel level = body.notificationLevel() != null ? body.notificationLevel()
                : existing.map(BackupAccount::notificationLevel).orElse(BackupSettings.DEFAULT_NOTIFICATION_LEVEL);
        boolean quotaNotifications = body.quotaNotifications() != null ? body.quotaNotifications()
                : existing.map(BackupAccount::quotaNotifications).orElse(BackupSettings.DEFAULT_QUOTA_NOTIFICATIONS);
        BackupSettings settings = new BackupSettings(login, level, quotaNotifications, body.manageOtherUsers(), quotas);
        if (existing.isEmpty()) {
            AssignResult r = accounts.assign(customerId, userId, settings, Optional.ofNullable(body.password()));
            return ResponseEntity.created(URI.create("/api/v1/users/" + userId + "/backup-account"))
                    .eTag(Versions.etag(r.account().version()))
                    .body(BackupAccountResponse.of(r.account(), r.generatedPassword(),
                            UsageJson.of(usage.usage(r.account().id()))));
        }
        long version = Versions.expectedVersion(Optional.ofNullable(ifMatch), Optional.ofNullable(body.version()));
        BackupAccount a = accounts.update(customerId, userId, settings, version);
        return ok(a, Optional.empty());
    }

    @GetMapping
    @Operation(summary = "Read the backup account (404 when the user does not have the service)")
    ResponseEntity<BackupAccountResponse> get(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId) {
        return ok(accounts.get(customerOf(admin, userId), userId), Optional.empty());
    }

    @DeleteMapping
    @Operation(summary = "Remove the service; stored backups are kept for the provider's grace period, then deleted")
    ResponseEntity<RemovedAccount> delete(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId) {
        return ResponseEntity.ok(accounts.remove(customerOf(admin, userId), userId));
    }

    @PostMapping("/password")
    @Operation(summary = "Set a new password; without one (or without a body) the server generates it and returns it once")
    ResponseEntity<BackupAccountResponse> password(@AuthenticationPrincipal PanelPrincipal admin,
                                                   @PathVariable long userId,
                                                   @RequestBody(required = false) PasswordRequest body) {
        Optional<String> password = body == null ? Optional.empty() : Optional.ofNullable(body.password());
        AssignResult r = accounts.setPassword(customerOf(admin, userId), userId, password);
        return ok(r.account(), r.generatedPassword());
    }

    @PostMapping("/suspend")
    @Operation(summary = "Suspend the service: no backups, no console login, settings kept")
    ResponseEntity<BackupAccountResponse> suspend(@AuthenticationPrincipal PanelPrincipal admin,
                                                  @PathVariable long userId) {
        return ok(accounts.suspend(customerOf(admin, userId), userId), Optional.empty());
    }

    @PostMapping("/resume")
    @Operation(summary = "Resume a suspended service (409 while the customer is disabled)")
    ResponseEntity<BackupAccountResponse> resume(@AuthenticationPrincipal PanelPrincipal admin,
                                                 @PathVariable long userId) {
        return ok(accounts.resume(customerOf(admin, userId), userId), Optional.empty());
    }

    private long customerOf(PanelPrincipal admin, long userId) {
        if (admin.isProviderAdmin()) {
            return users.customerOf(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
        }
        return admin.customerId().orElseThrow();
    }

    private ResponseEntity<BackupAccountResponse> ok(BackupAccount a, Optional<String> generated) {
        return ResponseEntity.status(HttpStatus.OK).eTag(Versions.etag(a.version()))
                .body(BackupAccountResponse.of(a, generated, UsageJson.of(usage.usage(a.id()))));
    }
}
