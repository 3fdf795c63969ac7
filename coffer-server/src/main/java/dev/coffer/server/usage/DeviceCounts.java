package dev.coffer.server.usage;

import java.util.Map;

import dev.coffer.server.quota.DeviceType;

/** How many devices of each type an account has registered (implemented by the device feature). */
public interface DeviceCounts {

    /** Registered (not removed) devices of the account per type; every type is present, 0 when none. */
    Map<DeviceType, Long> counts(long accountId);

    /** Registered devices of all backup accounts of the customer per type; every type is present, 0 when none. */
    Map<DeviceType, Long> customerCounts(long customerId);
}
