package dev.rebound.recovery.stats;

import dev.rebound.recovery.invoice.InvoiceRecovery;
import dev.rebound.recovery.invoice.RecoveryStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How well failed payments of a period were recovered: rate, recovered revenue per currency (minor units),
 * retries per recovery and time to recover, overall and by the first decline's class and the failed card's brand, and
 * recovered revenue by what brought it back ({@code retry} on the same card, {@code card_update}, or
 * {@code dunning_message:<channel>}).
 */
public record RecoveryStats(Group overall, Map<String, Group> byDeclineClass, Map<String, Group> byCardBrand,
                            Map<String, Map<String, Long>> recoveredRevenueBySource) {

    /** Figures of one group of failed invoices. */
    public record Group(long failed, long recovered, long paidElsewhere, long exhausted, long open,
                        double recoveryRate, Map<String, Long> recoveredRevenue, double retriesPerRecovery,
                        Duration medianTimeToRecover) {}

    public static RecoveryStats of(Stream<InvoiceRecovery> recoveries) {
        List<InvoiceRecovery> all = recoveries.toList();
        Map<String, Map<String, Long>> bySource = new TreeMap<>();
        all.stream().filter(r -> r.status() == RecoveryStatus.RECOVERED).forEach(r -> bySource
                .computeIfAbsent(r.recoveredBy(), s -> new TreeMap<>()).merge(r.currency(), r.amount(), Long::sum));
        return new RecoveryStats(group(all), groupBy(all, RecoveryStats::firstDeclineClass),
                groupBy(all, r -> r.failedCardBrand() == null ? "unknown" : r.failedCardBrand()), bySource);
    }

    private static Map<String, Group> groupBy(List<InvoiceRecovery> all, Function<InvoiceRecovery, String> key) {
        Map<String, List<InvoiceRecovery>> groups = new TreeMap<>();
        all.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        Map<String, Group> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, group(v)));
        return out;
    }

    private static Group group(List<InvoiceRecovery> recoveries) {
        List<InvoiceRecovery> recovered = recoveries.stream().filter(r -> r.status() == RecoveryStatus.RECOVERED).toList();
        Map<String, Long> revenue = new TreeMap<>();
        recovered.forEach(r -> revenue.merge(r.currency(), r.amount(), Long::sum));
        List<Duration> times = recovered.stream().map(r -> Duration.between(r.firstFailedAt(), r.closedAt())).sorted().toList();
        return new Group(recoveries.size(), recovered.size(),
                count(recoveries, RecoveryStatus.PAID_ELSEWHERE), count(recoveries, RecoveryStatus.EXHAUSTED),
                recoveries.stream().filter(InvoiceRecovery::isOpen).count(),
                recoveries.isEmpty() ? 0 : round((double) recovered.size() / recoveries.size()), revenue,
                recovered.isEmpty() ? 0 : round(recovered.stream().mapToInt(InvoiceRecovery::retries).average().orElse(0)),
                times.isEmpty() ? null : times.get(times.size() / 2));
    }

    private static long count(List<InvoiceRecovery> recoveries, RecoveryStatus status) {
        return recoveries.stream().filter(r -> r.status() == status).count();
    }

    private static String firstDeclineClass(InvoiceRecovery r) {
        return r.attempts().isEmpty() || r.attempts().getFirst().declineClass() == null ? "unknown"
                : r.attempts().getFirst().declineClass().toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
