package dev.coffer.server.backupaccount;

import dev.coffer.server.system.Versions;
import java.util.Optional;

import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partial changes of a backup account with a JSON Merge Patch ({@code application/merge-patch+json}, RFC 7396): a
 * billing script sends only what it changes, and nothing it leaves out is touched.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/backup-account")
@Tag(name = "Backup accounts")
class BackupAccountMergePatchApi {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final BackupAccountService accounts;
    private final CustomerUserService users;
    private final dev.coffer.server.usage.UsageLedger usage;

    BackupAccountMergePatchApi(BackupAccountService accounts, CustomerUserService users,
                               dev.coffer.server.usage.UsageLedger usage) {
        this.usage = usage;
        this.accounts = accounts;
        this.users = users;
    }

    @PatchMapping(consumes = MERGE_PATCH_JSON)
    @Operation(summary = "Change some settings or quotas (JSON Merge Patch)",
            description = "Send only the members to change, as application/merge-patch+json. A member left out keeps "
                    + "its value; inside quotas a limit set to null becomes Unlimited and an overage set to null "
                    + "unlimited overage; null for quotas or a whole group is refused. Needs If-Match or version "
                    + "(a stale one gets 409); the quotas may not exceed what the customer has left.")
    ResponseEntity<BackupAccountApi.BackupAccountResponse> patch(
            @AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId,
            @RequestBody BackupAccountPatch body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long customerId = admin.isProviderAdmin()
                ? users.customerOf(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"))
                : admin.customerId().orElseThrow();
        BackupAccount current = accounts.get(customerId, userId);
        BackupSettings settings = body.applyTo(current);
        long version = Versions.expectedVersion(Optional.ofNullable(ifMatch), Optional.ofNullable(body.getVersion()));
        BackupAccount changed = accounts.update(customerId, userId, settings, version);
        return ResponseEntity.ok().eTag(Versions.etag(changed.version()))
                .body(BackupAccountApi.BackupAccountResponse.of(changed, Optional.empty(),
                        dev.coffer.server.usage.UsageJson.of(usage.usage(changed.id()))));
    }
}
