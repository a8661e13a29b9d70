package dev.rebound.recovery.invoice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable recoveries. Saves are optimistic on {@code version}; due retries are claimed with a lease. */
public interface RecoveryStore {

    Optional<InvoiceRecovery> find(String tenantId, String invoiceId);

    /** Saves if the version is unchanged since it was read; otherwise throws {@link ConcurrentRecoveryUpdateException}. */
    void save(InvoiceRecovery recovery);

    /** Claims one recovery whose retry is due, so no other instance charges it while the lease runs. */
    Optional<InvoiceRecovery> claimDue(Instant now, Duration lease);

    /** Claims up to {@code max} due recoveries, earliest first, each as {@link #claimDue} would. */
    default List<InvoiceRecovery> claimDue(Instant now, Duration lease, int max) {
        List<InvoiceRecovery> claimed = new java.util.ArrayList<>();
        Optional<InvoiceRecovery> next;
        while (claimed.size() < max && (next = claimDue(now, lease)).isPresent()) {
            claimed.add(next.get());
        }
        return claimed;
    }

    List<InvoiceRecovery> openForCustomer(String tenantId, String customerId);

    /** Retry times of one card across invoices, for the card-network limit. */
    List<Instant> retryTimesOfCard(String tenantId, String paymentMethodId);

    /** Open recoveries whose dunning window ended by {@code now}, at most {@code limit}. */
    List<InvoiceRecovery> openPastWindow(Instant now, int limit);

    /** The tenant's recoveries whose first failure was in [from, to), streamed (close the stream). */
    java.util.stream.Stream<InvoiceRecovery> failedBetween(String tenantId, Instant from, Instant to);

    /** How many recoveries are open (retrying or waiting for a card), for the open-recoveries gauge. */
    long countOpen();
}
