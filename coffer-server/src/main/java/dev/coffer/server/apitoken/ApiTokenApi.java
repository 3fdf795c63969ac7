package dev.coffer.server.apitoken;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.coffer.server.identity.PanelPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for the calling admin's own API tokens. */
@RestController
@RequestMapping("/api/v1/api-tokens")
@Tag(name = "API tokens")
class ApiTokenApi {

    private final ApiTokenService tokens;

    ApiTokenApi(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(String name) {
    }

    record CreatedTokenResponse(long id, String name, String prefix, Instant createdAt, String token) {
    }

    @GetMapping
    @Operation(summary = "List your API tokens (never their secrets)")
    List<ApiToken> list(@AuthenticationPrincipal PanelPrincipal admin) {
        return tokens.list(admin);
    }

    @PostMapping
    @Operation(summary = "Create an API token; its secret is in the response this once")
    ResponseEntity<CreatedTokenResponse> create(@AuthenticationPrincipal PanelPrincipal admin,
                                                @RequestBody TokenRequest body) {
        CreatedApiToken created = tokens.create(admin, body.name());
        ApiToken t = created.token();
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + t.id()))
                .body(new CreatedTokenResponse(t.id(), t.name(), t.prefix(), t.createdAt(), created.secret()));
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Revoke one of your API tokens")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long tokenId) {
        tokens.revoke(admin, tokenId);
        return ResponseEntity.noContent().build();
    }
}
