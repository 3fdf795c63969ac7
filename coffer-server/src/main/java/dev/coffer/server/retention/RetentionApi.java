package dev.coffer.server.retention;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for a backup account's retention policy; like the account itself, another customer's is not found. */
@RestController
@RequestMapping("/api/v1/users/{userId}/backup-account/retention")
@Tag(name = "Backup accounts")
class RetentionApi {

    private final BackupAccountService accounts;
    private final CustomerUserService users;
    private final RetentionPolicies policies;

    RetentionApi(BackupAccountService accounts, CustomerUserService users, RetentionPolicies policies) {
        this.accounts = accounts;
        this.users = users;
        this.policies = policies;
    }

    record RetentionRequest(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly,
                            Integer keepYearly, Long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LastRunJson(Instant at, int snapshotsRemoved, long bytesFreed, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RetentionResponse(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, int keepYearly,
                             long version, LastRunJson lastRun) {

        static RetentionResponse of(StoredRetention r) {
            RetentionSettings s = r.settings();
            return new RetentionResponse(s.keepLast(), s.keepDaily(), s.keepWeekly(), s.keepMonthly(), s.keepYearly(),
                    r.version(), r.lastRun().map(l -> new LastRunJson(l.at(), l.snapshotsRemoved(), l.bytesFreed(),
                    l.message().orElse(null))).orElse(null));
        }
    }

    @GetMapping
    @Operation(summary = "Read the account's retention policy (the default, version 0, until one is set) and the "
            + "outcome of the server's last retention run on it")
    ResponseEntity<RetentionResponse> get(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId) {
        return ok(policies.get(account(admin, userId).id()));
    }

    @PutMapping
    @Operation(summary = "Set the account's retention policy",
            description = "Every count (keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly) is required, 0 to "
                    + "1000, and at least one is above 0. The server's retention job applies it from its next run, "
                    + "by the time the server received each snapshot. Needs If-Match or version (0 for the default "
                    + "policy); a stale one gets 409.")
    ResponseEntity<RetentionResponse> put(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId,
                                          @RequestBody RetentionRequest body,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long accountId = account(admin, userId).id();
        RetentionSettings settings = RetentionSettings.of(body.keepLast(), body.keepDaily(), body.keepWeekly(),
                body.keepMonthly(), body.keepYearly());
        long version = Versions.expectedVersion(Optional.ofNullable(ifMatch), Optional.ofNullable(body.version()));
        return ok(policies.set(accountId, settings, version));
    }

    private BackupAccount account(PanelPrincipal admin, long userId) {
        long customerId = admin.isProviderAdmin()
                ? users.customerOf(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"))
                : admin.customerId().orElseThrow();
        return accounts.get(customerId, userId);
    }

    private static ResponseEntity<RetentionResponse> ok(StoredRetention r) {
        return ResponseEntity.ok().eTag(Versions.etag(r.version())).body(RetentionResponse.of(r));
    }
}
