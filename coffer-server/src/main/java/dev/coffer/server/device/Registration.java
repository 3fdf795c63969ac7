package dev.coffer.server.device;

/**
 * A new device: the token it authenticates with from now on (returned once, stored only as a hash), and whether this
 * registration created the account's repository.
 */
public record Registration(DevicePrincipal device, String deviceToken, boolean repositoryCreated) {

    @Override
    public String toString() {
        return "Registration[" + device.deviceId() + "]";
    }
}
