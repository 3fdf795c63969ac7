package dev.coffer.server.customer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.QuotasJson;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.identity.Tenancy;
import dev.coffer.server.system.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for customers: provider admins create, list, change, disable; a customer admin reads its own. */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
class CustomerApi {

    static final String TOTAL_COUNT = "X-Total-Count";

    private final CustomerService customers;
    private final CustomerSearch search;
    private final CustomerDomains domains;

    CustomerApi(CustomerService customers, CustomerSearch search, CustomerDomains domains) {
        this.customers = customers;
        this.search = search;
        this.domains = domains;
    }

    record CreateCustomerRequest(String name, String adminLogin, String adminEmail, String adminPassword,
                                 QuotasJson quotas, @Schema(description = DOMAINS_DOC) List<String> domains) {
    }

    record UpdateCustomerRequest(String name, QuotasJson quotas,
                                 @Schema(description = DOMAINS_DOC + " Omitted: unchanged; [] removes them all "
                                         + "(existing backup logins keep working).") List<String> domains,
                                 Long version) {
    }

    static final String DOMAINS_DOC = "The customer's domains: every backup login of the customer must be an email "
            + "address at one of them (exact match; a sub-domain must be listed itself). Lower-cased and stored in "
            + "IDNA ASCII form; a domain belongs to one customer only. Omitted or empty on creation: the domain of "
            + "adminEmail, unless another customer holds it.";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CustomerResponse(long id, String name, boolean enabled, QuotasJson quotas,
                            @Schema(description = "The customer's domains (IDNA ASCII form), in alphabetical order")
                            List<String> domains, Instant createdAt, long version, Long adminId, String adminPassword) {

        static CustomerResponse of(Customer c, List<String> domains) {
            return new CustomerResponse(c.id(), c.name(), c.enabled(), QuotasJson.from(c.quotas()), domains,
                    c.createdAt(), c.version(), null, null);
        }
    }

    @PostMapping
    @Operation(summary = "Create a customer with its first admin (provider admins only)",
            description = "adminPassword omitted: the server generates one and returns it once as adminPassword.")
    ResponseEntity<CustomerResponse> create(@RequestBody CreateCustomerRequest body) {
        CreatedCustomer created = customers.create(body.name(), body.adminLogin(), body.adminEmail(),
                Optional.ofNullable(body.adminPassword()), quotas(body.quotas()),
                body.domains() == null ? List.of() : body.domains());
        Customer c = created.customer();
        CustomerResponse response = new CustomerResponse(c.id(), c.name(), c.enabled(), QuotasJson.from(c.quotas()),
                domains.of(c.id()), c.createdAt(), c.version(), created.adminId(), created.generatedAdminPassword().orElse(null));
        return ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).eTag(Versions.etag(c.version()))
                .body(response);
    }

    @GetMapping
    @Operation(summary = "List or search customers (provider admins only)",
            description = "Without q, page and size: every customer, as before. With any of them: the customers whose "
                    + "name, or an admin's login or email, contains q (case-insensitive), ordered by name, page "
                    + "page (1 = first) of size (1..200, default 50). The body stays an array of customers; the "
                    + "X-Total-Count header gives how many match in all, and Link headers (rel=next, prev) the "
                    + "neighbouring pages.")
    ResponseEntity<List<CustomerResponse>> list(
            @org.springframework.web.bind.annotation.RequestParam(name = "q", required = false) String q,
            @org.springframework.web.bind.annotation.RequestParam(name = "page", required = false) Integer page,
            @org.springframework.web.bind.annotation.RequestParam(name = "size", required = false) Integer size) {
        if (q == null && page == null && size == null) {
            Map<Long, List<String>> held = domains.all();
            List<CustomerResponse> all = customers.list().stream()
                    .map(c -> CustomerResponse.of(c, held.getOrDefault(c.id(), List.of()))).toList();
            return ResponseEntity.ok().header(TOTAL_COUNT, Integer.toString(all.size())).body(all);
        }
        int p = page == null ? 1 : page;
        int s = size == null ? CustomerSearch.DEFAULT_SIZE : size;
        CustomerPage found = search.search(q, p, s);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(found.total()));
        String query = q == null ? "" : "q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8) + "&";
        List<String> links = new java.util.ArrayList<>();
        if (found.hasNext()) {
            links.add("</api/v1/customers?" + query + "page=" + (p + 1) + "&size=" + s + ">; rel=\"next\"");
        }
        if (found.hasPrevious()) {
            links.add("</api/v1/customers?" + query + "page=" + (p - 1) + "&size=" + s + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            response.header(HttpHeaders.LINK, String.join(", ", links));
        }
        Map<Long, List<String>> held = domains.all();
        return response.body(found.rows().stream()
                .map(r -> CustomerResponse.of(r.customer(), held.getOrDefault(r.customer().id(), List.of()))).toList());
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "Read a customer (a customer admin: only its own)")
    ResponseEntity<CustomerResponse> get(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId) {
        Customer c = customers.get(Tenancy.customer(admin, customerId));
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(response(c));
    }

    @PutMapping("/{customerId}")
    @Operation(summary = "Change name, quotas and domains (provider admins only); needs If-Match or version",
            description = "A quota limit or overage left out keeps its current value; only an explicit null means "
                    + "Unlimited. domains left out are unchanged; a list replaces them all.")
    ResponseEntity<CustomerResponse> update(@PathVariable long customerId, @RequestBody UpdateCustomerRequest body,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = Versions.expectedVersion(Optional.ofNullable(ifMatch), Optional.ofNullable(body.version()));
        // A limit left out keeps its value (never widened by omission); only an explicit null means Unlimited.
        Quotas current = customers.get(customerId).quotas();
        Quotas quotas = body.quotas() == null ? current : body.quotas().toQuotas(current);
        Customer c = customers.update(customerId, body.name(), quotas, Optional.ofNullable(body.domains()), version);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(response(c));
    }

    @PostMapping("/{customerId}/disable")
    @Operation(summary = "Disable: its admins cannot log in, its backup accounts are suspended (provider admins only)")
    CustomerResponse disable(@PathVariable long customerId) {
        return response(customers.setEnabled(customerId, false));
    }

    @PostMapping("/{customerId}/enable")
    @Operation(summary = "Enable again (provider admins only)")
    CustomerResponse enable(@PathVariable long customerId) {
        return response(customers.setEnabled(customerId, true));
    }

    @GetMapping("/{customerId}/usage")
    @Operation(summary = "Backup accounts, allocated storage and used bytes of a customer")
    CustomerUsage usage(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId) {
        return customers.usage(Tenancy.customer(admin, customerId));
    }

    private CustomerResponse response(Customer c) {
        return CustomerResponse.of(c, domains.of(c.id()));
    }

    private static Quotas quotas(QuotasJson json) {
        return json == null ? Quotas.unlimited() : json.toQuotas();
    }
}
