package dev.coffer.server.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.coffer.server.quota.QuotaAllocations.Allocation;
import dev.coffer.server.system.FieldProblem;

/**
 * The rules between a customer's quotas and what its backup accounts hold, each in one place: what is left, that a
 * backup account's limits fit in it, and that a customer's limit does not go below what is already allocated.
 * Problems name the API's field of the quota item ({@link QuotaItem#valueField()}).
 */
public final class QuotaRules {

    private QuotaRules() {
    }

    /**
     * What the customer has left: unlimited where the customer's quota is unlimited, otherwise its value minus the
     * others' allocations (never below 0). Overages of the result are the customer's.
     */
    public static Quotas remaining(Quotas customerQuotas, Map<QuotaItem, Allocation> allocated) {
        Map<QuotaItem, Limit> m = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit c = customerQuotas.get(item);
            if (c.isUnlimited()) {
                m.put(item, c);
            } else {
                long left = Math.max(0, c.value().getAsLong() - allocated.get(item).sum());
                m.put(item, new Limit(OptionalLong.of(left), c.overage()));
            }
        }
        return Quotas.of(m);
    }

    /**
     * A backup account's limits must fit in what the customer has left once the other accounts ({@code others})
     * are counted: where the customer's quota is limited, the account's must be limited too and not above it.
     */
    public static List<FieldProblem> beyondWhatIsLeft(Quotas customerQuotas, Map<QuotaItem, Allocation> others,
                                                      Quotas wanted) {
        Quotas left = remaining(customerQuotas, others);
        List<FieldProblem> problems = new ArrayList<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit available = left.get(item);
            if (available.isUnlimited()) {
                continue;
            }
            long max = available.value().getAsLong();
            Limit w = wanted.get(item);
            if (w.isUnlimited()) {
                problems.add(new FieldProblem(item.valueField(), "cannot be unlimited: the customer's "
                        + item.label() + " quota is limited and " + max + " " + item.unit() + " are left"));
            } else if (w.value().getAsLong() > max) {
                problems.add(new FieldProblem(item.valueField(), "exceeds what the customer has left: "
                        + max + " " + item.unit() + " of " + item.label() + " are left"));
            }
        }
        return problems;
    }

    /**
     * A customer's limited quota may not go below what its backup accounts already hold ({@code held}), nor be
     * limited while an account has that item unlimited.
     */
    public static List<FieldProblem> belowWhatIsAllocated(Quotas customerQuotas, Map<QuotaItem, Allocation> held) {
        List<FieldProblem> problems = new ArrayList<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit l = customerQuotas.get(item);
            Allocation a = held.get(item);
            if (l.isUnlimited()) {
                continue;
            }
            if (a.unlimitedAccounts() > 0) {
                problems.add(new FieldProblem(item.valueField(), a.unlimitedAccounts()
                        + " backup account(s) have unlimited " + item.label() + "; give them a limit first"));
            } else if (a.sum() > l.value().getAsLong()) {
                problems.add(new FieldProblem(item.valueField(), "backup accounts already hold " + a.sum() + " "
                        + item.unit() + " of " + item.label() + "; the limit cannot be lower"));
            }
        }
        return problems;
    }
}
