package dev.coffer.server.device;

/**
 * What an agent registers with: {@code login} and {@code password}, or {@code registrationToken}; its device type
 * (case-insensitive) and name. Fields are null when absent.
 */
public record RegistrationRequest(String login, String password, String registrationToken, String deviceType,
                                  String name) {

    @Override
    public String toString() {
        return "RegistrationRequest[" + login + ", " + deviceType + ", " + name + "]";
    }
}
