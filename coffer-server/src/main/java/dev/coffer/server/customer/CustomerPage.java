package dev.coffer.server.customer;

import java.util.List;

/**
 * One page of a customer search: the customers (by name) with their usage, the page number (1 = first), the page
 * size and how many customers match in all.
 */
public record CustomerPage(List<Row> rows, int page, int size, long total) {

    /** A customer and its usage. */
    public record Row(Customer customer, CustomerUsage usage) {
    }

    public int pages() {
        return total == 0 ? 1 : (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** The position of the first row in the whole list, 1-based (0 when empty). */
    public long from() {
        return rows.isEmpty() ? 0 : (long) (page - 1) * size + 1;
    }

    public long to() {
        return rows.isEmpty() ? 0 : from() + rows.size() - 1;
    }
}
