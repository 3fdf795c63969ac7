package dev.coffer.server.backupaccount;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.coffer.server.quota.QuotasJson;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A JSON Merge Patch (RFC 7396) of a backup account: every member is optional and a member left out keeps its
 * current value. Inside {@code quotas} a limit set to {@code null} becomes Unlimited (an overage {@code null}:
 * unlimited overage); {@code null} for a whole group or for {@code quotas} is refused, so that Unlimited is only ever
 * granted limit by limit. Mutable on purpose: only setters can tell "left out" from "null".
 */
@Schema(name = "BackupAccountMergePatch", description = "Members left out keep their value; in quotas null = Unlimited")
public final class BackupAccountPatch {

    private String login;
    @JsonIgnore
    private boolean loginGiven;
    private NotificationLevel notificationLevel;
    @JsonIgnore
    private boolean notificationLevelGiven;
    private Boolean quotaNotifications;
    @JsonIgnore
    private boolean quotaNotificationsGiven;
    private Boolean manageOtherUsers;
    @JsonIgnore
    private boolean manageOtherUsersGiven;
    private QuotasJson quotas;
    @JsonIgnore
    private boolean quotasGiven;
    private String password;
    private Long version;

    /** The settings after applying this patch to {@code current}; quota ranges are left to the service. */
    BackupSettings applyTo(BackupAccount current) {
        List<FieldProblem> problems = new ArrayList<>();
        if (loginGiven && login == null) {
            problems.add(new FieldProblem("login", "must not be null; leave it out to keep the login"));
        }
        if (notificationLevelGiven && notificationLevel == null) {
            problems.add(new FieldProblem("notificationLevel", "must be one of NONE, ERRORS, ERRORS_AND_WARNINGS, ALL"));
        }
        if (quotaNotificationsGiven && quotaNotifications == null) {
            problems.add(new FieldProblem("quotaNotifications", "must be true or false"));
        }
        if (manageOtherUsersGiven && manageOtherUsers == null) {
            problems.add(new FieldProblem("manageOtherUsers", "must be true or false"));
        }
        if (quotasGiven && quotas == null) {
            problems.add(new FieldProblem("quotas", "must be an object; set each limit to null to make it Unlimited"));
        }
        if (quotas != null) {
            quotas.nullGroups().forEach(g -> problems.add(new FieldProblem("quotas." + g,
                    "must be an object; set each limit to null to make it Unlimited")));
        }
        if (password != null) {
            problems.add(new FieldProblem("password", "cannot be changed here; use POST .../backup-account/password"));
        }
        ValidationException.throwIfAny(problems);
        return new BackupSettings(loginGiven ? login : current.login(),
                notificationLevelGiven ? notificationLevel : current.notificationLevel(),
                quotaNotificationsGiven ? quotaNotifications : current.quotaNotifications(),
                manageOtherUsersGiven ? manageOtherUsers : current.manageOtherUsers(),
                quotas == null ? current.quotas() : quotas.toQuotas(current.quotas()));
    }

    @Schema(description = "left out = unchanged")
    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
        this.loginGiven = true;
    }

    public NotificationLevel getNotificationLevel() {
        return notificationLevel;
    }

    public void setNotificationLevel(NotificationLevel notificationLevel) {
        this.notificationLevel = notificationLevel;
        this.notificationLevelGiven = true;
    }

    public Boolean getQuotaNotifications() {
        return quotaNotifications;
    }

    public void setQuotaNotifications(Boolean quotaNotifications) {
        this.quotaNotifications = quotaNotifications;
        this.quotaNotificationsGiven = true;
    }

    public Boolean getManageOtherUsers() {
        return manageOtherUsers;
    }

    public void setManageOtherUsers(Boolean manageOtherUsers) {
        this.manageOtherUsers = manageOtherUsers;
        this.manageOtherUsersGiven = true;
    }

    @Schema(description = "only the limits given change; null = Unlimited")
    public QuotasJson getQuotas() {
        return quotas;
    }

    public void setQuotas(QuotasJson quotas) {
        this.quotas = quotas;
        this.quotasGiven = true;
    }

    @Schema(description = "not accepted here: use POST .../backup-account/password", accessMode = Schema.AccessMode.WRITE_ONLY)
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Schema(description = "the version read; instead of If-Match")
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
