package dev.coffer.server.device;

import java.util.UUID;

import dev.coffer.server.quota.DeviceType;

/**
 * The device an agent request authenticated as: the device, its backup account (and that account's customer and
 * user) and its type. Every agent endpoint acts on {@code accountId}'s repository only.
 */
public record DevicePrincipal(UUID deviceId, long accountId, long customerId, long userId, String login,
                              DeviceType type, String name, String schedule) {
}
