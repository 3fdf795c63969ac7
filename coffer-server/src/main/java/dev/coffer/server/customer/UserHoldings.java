package dev.coffer.server.customer;

import java.util.Optional;

/**
 * Something a customer's user holds that another feature owns (a backup account) and that must be removed before the
 * user can be deleted. {@link CustomerUserService#delete} asks every implementation; none may change anything.
 */
public interface UserHoldings {

    /** Why the user cannot be deleted now (the message of the refusal), or empty when nothing of this kind is held. */
    Optional<String> blocksDeletion(long customerId, long userId);
}
