package dev.coffer.server.backupaccount;

import java.util.Optional;

/** An account after assign or password change; the generated password is shown once and never again. */
public record AssignResult(BackupAccount account, Optional<String> generatedPassword) {
}
