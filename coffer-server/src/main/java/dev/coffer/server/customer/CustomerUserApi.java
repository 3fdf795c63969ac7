package dev.coffer.server.customer;

import java.net.URI;
import java.util.List;

import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.identity.Tenancy;
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

/** REST API for a customer's users (the people who may get the backup service). */
@RestController
@RequestMapping("/api/v1/customers/{customerId}/users")
@Tag(name = "Users")
class CustomerUserApi {

    private final CustomerUserService users;

    CustomerUserApi(CustomerUserService users) {
        this.users = users;
    }

    record UserRequest(String name, String email) {
    }

    @GetMapping
    @Operation(summary = "List the customer's users")
    List<CustomerUser> list(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId) {
        return users.list(Tenancy.customer(admin, customerId));
    }

    @PostMapping
    @Operation(summary = "Add a user")
    ResponseEntity<CustomerUser> create(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId,
                                        @RequestBody UserRequest body) {
        CustomerUser u = users.create(Tenancy.customer(admin, customerId), body.name(), body.email());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/users/" + u.id())).body(u);
    }

    @GetMapping("/{userId}")
    @Operation(summary = "Read a user")
    CustomerUser get(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId,
                     @PathVariable long userId) {
        return users.get(Tenancy.customer(admin, customerId), userId);
    }

    @PutMapping("/{userId}")
    @Operation(summary = "Change a user's name and email")
    CustomerUser update(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId,
                        @PathVariable long userId, @RequestBody UserRequest body) {
        return users.update(Tenancy.customer(admin, customerId), userId, body.name(), body.email());
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Delete a user (refused with 409 while the user has the backup service)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId,
                                @PathVariable long userId) {
        users.delete(Tenancy.customer(admin, customerId), userId);
        return ResponseEntity.noContent().build();
    }
}
