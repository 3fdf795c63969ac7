package dev.coffer.server.agentapi;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.server.device.AgentProblem;
import dev.coffer.server.device.BackupRequests;
import dev.coffer.server.device.DevicePrincipal;
import dev.coffer.server.device.DeviceRuns;
import dev.coffer.server.device.DeviceService;
import dev.coffer.server.device.Registration;
import dev.coffer.server.device.RegistrationRequest;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.storage.RepositoryKeys;
import dev.coffer.server.system.ValidationException;
import dev.coffer.server.usage.UsageReconciliation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration, the device itself, its repository key, and its run reports (docs/agent-protocol.md). */
@RestController
@RequestMapping("/agent/v1")
class AgentApi {

    private final DeviceService devices;
    private final DeviceRuns runs;
    private final RepositoryKeys keys;
    private final UsageReconciliation reconciliation;
    private final BackupRequests backupRequests;

    AgentApi(DeviceService devices, DeviceRuns runs, RepositoryKeys keys, UsageReconciliation reconciliation,
             BackupRequests backupRequests) {
        this.devices = devices;
        this.backupRequests = backupRequests;
        this.runs = runs;
        this.keys = keys;
        this.reconciliation = reconciliation;
    }

    record RegisterBody(String login, String password, String registrationToken, String deviceType, String name) {

        @Override
        public String toString() {
            return "RegisterBody[" + login + "]";
        }
    }

    record Schedule(String daily) {
    }

    record RegisterResponse(UUID deviceId, String deviceToken, long accountId, String login, DeviceType deviceType,
                            String name, Schedule schedule) {
    }

    /** {@code backupRequestedAt}: when a "back up now" was asked that no backup run has started yet (else null). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeviceResponse(UUID deviceId, String name, DeviceType deviceType, long accountId, String login,
                          Schedule schedule, Instant backupRequestedAt) {
    }

    record StartRun(String kind, Instant startedAt) {
    }

    record FinishRun(String status, Instant finishedAt, Long files, Long bytesAdded, Long bytesRead,
                     String snapshotId, String message, List<String> unreadablePaths) {
    }

    @PostMapping("/register")
    ResponseEntity<RegisterResponse> register(@RequestBody RegisterBody body, HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "must be a JSON object");
        }
        Registration r = devices.register(new RegistrationRequest(body.login(), body.password(),
                body.registrationToken(), body.deviceType(), body.name()), request.getRemoteAddr());
        if (r.repositoryCreated()) {
            reconciliation.repositoryCreated(r.device().accountId(), r.device().customerId());
        }
        DevicePrincipal d = r.device();
        return ResponseEntity.created(URI.create("/agent/v1/device"))
                .body(new RegisterResponse(d.deviceId(), r.deviceToken(), d.accountId(), d.login(), d.type(), d.name(),
                        new Schedule(d.schedule())));
    }

    @GetMapping("/device")
    DeviceResponse device(@AuthenticationPrincipal DevicePrincipal d) {
        return new DeviceResponse(d.deviceId(), d.name(), d.type(), d.accountId(), d.login(), new Schedule(d.schedule()),
                backupRequests.pending(d.deviceId()).orElse(null));
    }

    @GetMapping("/repository/key")
    Map<String, String> key(@AuthenticationPrincipal DevicePrincipal d) {
        keys.ensureRepository(d.accountId());
        return Map.of("secret", keys.secret(d.accountId())
                .orElseThrow(() -> AgentProblem.NOT_FOUND.exception("the account has no repository yet")));
    }

    @PostMapping("/runs")
    ResponseEntity<Map<String, UUID>> start(@AuthenticationPrincipal DevicePrincipal d, @RequestBody StartRun body) {
        UUID id = runs.start(d, body == null ? null : body.kind(), body == null ? null : body.startedAt());
        return ResponseEntity.created(URI.create("/agent/v1/runs/" + id)).body(Map.of("runId", id));
    }

    @PutMapping("/runs/{runId}")
    ResponseEntity<Void> finish(@AuthenticationPrincipal DevicePrincipal d, @PathVariable String runId,
                                @RequestBody FinishRun body) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw AgentProblem.NOT_FOUND.exception("run " + runId + " not found");
        }
        if (body == null) {
            throw new ValidationException("body", "must be a JSON object");
        }
        runs.finish(d, id, new DeviceRuns.Finish(body.status(), body.finishedAt(), body.files(), body.bytesAdded(),
                body.bytesRead(), body.snapshotId(), body.message(), body.unreadablePaths()));
        return ResponseEntity.noContent().build();
    }
}
