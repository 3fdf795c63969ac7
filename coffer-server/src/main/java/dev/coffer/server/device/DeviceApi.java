package dev.coffer.server.device;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of a backup account's devices, with the tenancy of the backup account API: the user's customer
 * comes from the admin (customer admins) or from the user (provider admins); another customer's user is not found.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/backup-account")
@Tag(name = "Devices")
class DeviceApi {

    private final DeviceService devices;
    private final BackupRequests backupRequests;
    private final BackupAccountService accounts;
    private final CustomerUserService users;

    DeviceApi(DeviceService devices, BackupRequests backupRequests, BackupAccountService accounts,
              CustomerUserService users) {
        this.devices = devices;
        this.backupRequests = backupRequests;
        this.accounts = accounts;
        this.users = users;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LastRunResponse(RunStatus status, Instant startedAt, Instant finishedAt, Long bytesAdded, String message) {
    }

    record DeviceResponse(UUID id, String name, DeviceType type, Instant registeredAt, ScheduleJson schedule,
                          LastRunResponse lastRun) {

        static DeviceResponse of(Device d) {
            return new DeviceResponse(d.id(), d.name(), d.type(), d.registeredAt(), new ScheduleJson(d.schedule()),
                    d.lastRun().map(r -> new LastRunResponse(r.status(), r.startedAt(), r.finishedAt(),
                            r.bytesAdded(), r.message())).orElse(null));
        }
    }

    record ScheduleJson(String daily) {
    }

    record TokenRequest(Integer expiresInHours) {
    }

    record BackupRequestResponse(UUID deviceId, Instant requestedAt) {
    }

    @GetMapping("/devices")
    @Operation(summary = "The account's registered devices with their last run")
    List<DeviceResponse> list(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId) {
        return devices.list(account(admin, userId).id()).stream().map(DeviceResponse::of).toList();
    }

    @DeleteMapping("/devices/{deviceId}")
    @Operation(summary = "Remove a device: its token stops working at once, its backups stay")
    ResponseEntity<Void> remove(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId,
                                @PathVariable String deviceId) {
        devices.remove(account(admin, userId).id(), deviceId(deviceId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/devices/{deviceId}/schedule")
    @Operation(summary = "Set the device's daily backup time {\"daily\":\"HH:MM\"}")
    DeviceResponse schedule(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long userId,
                            @PathVariable String deviceId, @RequestBody ScheduleJson body) {
        return DeviceResponse.of(devices.setSchedule(account(admin, userId).id(), deviceId(deviceId),
                body == null ? null : body.daily()));
    }

    @PostMapping("/devices/{deviceId}/backup-requests")
    @Operation(summary = "Back up now: the device backs up at its next poll (within its poll interval, default 60 s); "
            + "asking again before it started keeps the first request")
    ResponseEntity<BackupRequestResponse> backupNow(@AuthenticationPrincipal PanelPrincipal admin,
                                                    @PathVariable long userId, @PathVariable String deviceId) {
        long accountId = account(admin, userId).id(); // another customer's user is not found before any validation
        UUID id = deviceId(deviceId);
        Instant requestedAt = backupRequests.request(accountId, id);
        return ResponseEntity.accepted().body(new BackupRequestResponse(id, requestedAt));
    }

    @PostMapping("/registration-tokens")
    @Operation(summary = "A one-time registration token for an agent (default 24 hours), shown once")
    ResponseEntity<CreatedRegistrationToken> token(@AuthenticationPrincipal PanelPrincipal admin,
                                                   @PathVariable long userId,
                                                   @RequestBody(required = false) TokenRequest body) {
        int hours = body == null || body.expiresInHours() == null ? 24 : body.expiresInHours();
        CreatedRegistrationToken t = devices.createRegistrationToken(account(admin, userId), hours);
        return ResponseEntity.created(URI.create("/api/v1/users/" + userId + "/backup-account/devices")).body(t);
    }

    private BackupAccount account(PanelPrincipal admin, long userId) {
        long customerId = admin.isProviderAdmin()
                ? users.customerOf(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"))
                : admin.customerId().orElseThrow();
        return accounts.get(customerId, userId);
    }

    private static UUID deviceId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("deviceId", "must be a device id (a UUID)");
        }
    }
}
