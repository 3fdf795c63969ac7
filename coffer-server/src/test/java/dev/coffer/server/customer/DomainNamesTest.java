package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.coffer.server.system.FieldProblem;
import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void oneNormalFormPerDomain() {
        assertThat(DomainNames.normalise(" Acme.EXAMPLE. ").domain()).contains("acme.example");
        assertThat(DomainNames.normalise("Bücher.example").domain()).contains("xn--bcher-kva.example");
        assertThat(DomainNames.normalise("xn--bcher-kva.example").domain()).contains("xn--bcher-kva.example");
        assertThat(DomainNames.normalise("a-b.c-d.example").domain()).contains("a-b.c-d.example");
    }

    @Test
    void whatIsNotOneHostNameIsRefused() {
        for (String bad : List.of("", ".", "localhost", "*.acme.example", "acme.*", "10.0.0.1", "[2001:db8::1]",
                "2001:db8::1", "acme..example", ".acme.example", "-acme.example", "acme-.example", "ac_me.example",
                "ac me.example", "x".repeat(64) + ".example", ("a".repeat(63) + ".").repeat(4) + "com", "1.2.3.4.5")) {
            assertThat(DomainNames.normalise(bad).problem()).as(bad).isPresent();
            assertThat(DomainNames.normalise(bad).domain()).as(bad).isEmpty();
        }
    }

    @Test
    void aListMaySeparateByCommasAndSpacesAndHoldsEachDomainOnce() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(DomainNames.parse(List.of("a.example, B.example", "b.example  c.example", "A.EXAMPLE"), "domains",
                problems)).containsExactly("a.example", "b.example", "c.example");
        assertThat(problems).isEmpty();

        assertThat(DomainNames.parse(List.of("ok.example,*.bad.example"), "domains", problems))
                .containsExactly("ok.example");
        assertThat(problems).containsExactly(new FieldProblem("domains", "*.bad.example must be one domain, not a "
                + "wildcard"));
    }

    @Test
    void theDomainOfAnAddress() {
        assertThat(DomainNames.ofAddress("Jane@Acme.Example")).contains("acme.example");
        assertThat(DomainNames.ofAddress("odd@name@acme.example")).contains("acme.example");
        assertThat(DomainNames.ofAddress("no-address")).isEmpty();
        assertThat(DomainNames.ofAddress("@acme.example")).isEmpty();
        assertThat(DomainNames.ofAddress("jane@")).isEmpty();
        assertThat(DomainNames.ofAddress("jane@localhost")).isEmpty();
    }
}
