package dev.rebound.recovery.invoice;


import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store with the MongoDB one's contract, kept as copies (what a reader gets is detached, as from a database):
 * optimistic versions, due retries claimed with a lease that bumps the version, card history across invoices.
 */
final class InMemoryRecoveries implements RecoveryStore {

    private final Map<String, String> documents = new HashMap<>();
    private final Map<String, Instant> claimedUntil = new HashMap<>();

    @Override
    public synchronized Optional<InvoiceRecovery> find(String tenantId, String invoiceId) {
        return Optional.ofNullable(documents.get(InvoiceRecovery.idOf(tenantId, invoiceId))).map(InMemoryRecoveries::read);
    }

    @Override
    public synchronized void save(InvoiceRecovery recovery) {
        String stored = documents.get(recovery.id());
        long current = stored == null ? 0 : read(stored).version();
        if (recovery.version() != current) {
            throw new ConcurrentRecoveryUpdateException(recovery.id());
        }
        recovery.storedAs(current + 1);
        documents.put(recovery.id(), dev.rebound.testsupport.DetachedCopies.store(recovery));
    }

    @Override
    public synchronized Optional<InvoiceRecovery> claimDue(Instant now, Duration lease) {
        Optional<InvoiceRecovery> due = all().stream()
                .filter(r -> r.status() == RecoveryStatus.RETRYING && !r.nextRetryAt().isAfter(now))
                .filter(r -> claimedUntil.getOrDefault(r.id(), Instant.MIN).isBefore(now))
                .min(Comparator.comparing(InvoiceRecovery::nextRetryAt));
        due.ifPresent(r -> {
            claimedUntil.put(r.id(), now.plus(lease));
            r.storedAs(r.version() + 1); // the claim bumps the version, as in MongoDB
            documents.put(r.id(), dev.rebound.testsupport.DetachedCopies.store(r));
        });
        return due;
    }

    @Override
    public synchronized List<InvoiceRecovery> openForCustomer(String tenantId, String customerId) {
        return all().stream().filter(r -> r.tenantId().equals(tenantId) && r.customerId().equals(customerId)
                && r.isOpen()).toList();
    }

    @Override
    public synchronized List<Instant> retryTimesOfCard(String tenantId, String paymentMethodId) {
        return all().stream().filter(r -> r.tenantId().equals(tenantId)).flatMap(r -> r.attempts().stream())
                .filter(a -> a.kind() == Attempt.Kind.RETRY && paymentMethodId != null
                        && paymentMethodId.equals(a.paymentMethodId()))
                .map(Attempt::at).toList();
    }

    @Override
    public synchronized List<InvoiceRecovery> openPastWindow(Instant now, int limit) {
        return all().stream().filter(r -> r.isOpen() && r.windowOverAt(now)).limit(limit).toList();
    }

    @Override
    public synchronized java.util.stream.Stream<InvoiceRecovery> failedBetween(String tenantId, Instant from, Instant to) {
        return all().stream().filter(r -> r.tenantId().equals(tenantId) && !r.firstFailedAt().isBefore(from)
                && r.firstFailedAt().isBefore(to));
    }

    @Override
    public synchronized long countOpen() {
        return all().stream().filter(InvoiceRecovery::isOpen).count();
    }

    private List<InvoiceRecovery> all() {
        return documents.values().stream().map(InMemoryRecoveries::read).toList();
    }

    private static InvoiceRecovery read(String json) {
        return dev.rebound.testsupport.DetachedCopies.read(json, InvoiceRecovery.class);
    }
}
