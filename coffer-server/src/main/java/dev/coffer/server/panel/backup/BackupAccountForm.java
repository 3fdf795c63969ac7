package dev.coffer.server.panel.backup;

import java.util.Map;
import java.util.Optional;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.panel.quota.QuotaForm;
import dev.coffer.server.panel.quota.QuotaFormHolder;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.quota.Quotas;

/**
 * The Backup User Settings page: SET BACKUP USER CREDENTIALS (login, password) and BACKUP USER SETTINGS
 * (notifications, permissions, quotas). {@code version} is the account's version when the page was opened.
 */
public class BackupAccountForm extends QuotaFormHolder {

    /** The words on screen of the fields the services name in their problems. */
    static final Map<String, String> LABELS = Map.of(
            "login", "Login",
            "password", "Password",
            "notificationLevel", "Notifications",
            "quotaNotifications", "Notifications when usage nears its quota",
            "manageOtherUsers", "Manage backups for other users");

    private String login = "";
    private String password = "";
    // Notifications are on by default: silently-off notifications are what users of other products complain of.
    private NotificationLevel notificationLevel = NotificationLevel.ERRORS_AND_WARNINGS;
    private boolean quotaNotifications = true;
    private boolean manageOtherUsers;

    /** A new account's page: login = the user's email, a generated password, the given quotas. */
    static BackupAccountForm forNew(String email, String generatedPassword, Quotas quotas) {
        BackupAccountForm f = new BackupAccountForm();
        f.login = email;
        f.password = generatedPassword;
        f.setQuotas(QuotaForm.of(quotas));
        return f;
    }

    static BackupAccountForm of(BackupAccount account) {
        BackupAccountForm f = new BackupAccountForm();
        f.login = account.login();
        f.notificationLevel = account.notificationLevel();
        f.quotaNotifications = account.quotaNotifications();
        f.manageOtherUsers = account.manageOtherUsers();
        f.setQuotas(QuotaForm.of(account.quotas()));
        f.setVersion(account.version());
        return f;
    }

    /** The settings, or empty after adding a problem for every quota field that is not a number. */
    Optional<BackupSettings> toSettings(FormErrors errors) {
        return getQuotas().toQuotas("quotas", errors).map(q -> new BackupSettings(login == null ? "" : login.strip(),
                notificationLevel == null ? BackupSettings.DEFAULT_NOTIFICATION_LEVEL : notificationLevel, quotaNotifications,
                manageOtherUsers, q));
    }

    /** The typed password, or empty to let the server generate one. */
    Optional<String> passwordOrGenerate() {
        return password == null || password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public NotificationLevel getNotificationLevel() {
        return notificationLevel;
    }

    public void setNotificationLevel(NotificationLevel notificationLevel) {
        this.notificationLevel = notificationLevel;
    }

    public boolean isQuotaNotifications() {
        return quotaNotifications;
    }

    public void setQuotaNotifications(boolean quotaNotifications) {
        this.quotaNotifications = quotaNotifications;
    }

    public boolean isManageOtherUsers() {
        return manageOtherUsers;
    }

    public void setManageOtherUsers(boolean manageOtherUsers) {
        this.manageOtherUsers = manageOtherUsers;
    }
}
