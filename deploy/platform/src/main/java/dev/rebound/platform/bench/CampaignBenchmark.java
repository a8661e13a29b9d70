package dev.rebound.platform.bench;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Campaign under load on the embedded platform: {@code customers} contacts loaded (sign-ups with an email, straight
 * to the usage topic), then (a) every one of them churns at once for the price (lifecycle.stage_changed on the risk
 * topic, as scoring emits it): win-back messages decided and sent per second, timed until the SMTP sink has received
 * them all; (b) one churn at a time: time from the trigger event's acknowledgement to its mail in the sink, p50/p99.
 * Contact rules that would hold messages back (quiet hours, the holdout, the weekly budget) are set aside by the
 * platform's benchmark settings, so every message is sent.
 */
public final class CampaignBenchmark {

    private final String bootstrapServers;
    private final String tenant;
    private final IntSupplier mailsReceived;
    private int sequence;

    public CampaignBenchmark(String bootstrapServers, String tenant, IntSupplier mailsReceived) {
        this.bootstrapServers = bootstrapServers;
        this.tenant = tenant;
        this.mailsReceived = mailsReceived;
    }

    public String run(int customers, int probes) throws Exception {
        StringBuilder report = new StringBuilder("| measure | result |\n|---|---|\n");
        try (ConsumerLag lag = new ConsumerLag(bootstrapServers);
             KafkaProducer<String, byte[]> producer = BenchSupport.producer(bootstrapServers)) {
            System.out.printf("loading %,d customers' contacts (sign-ups, straight to the topic)...%n", customers);
            Instant now = Instant.now();
            for (int c = 0; c < customers + probes; c++) {
                send(producer, c, EventType.CUSTOMER_SIGNED_UP, now.minusSeconds(3600),
                        new CustomerSignedUp("pro", 4900, "USD", "cus_" + c + "@example.com", "en", "UTC", null));
            }
            producer.flush();
            lag.awaitIdle(List.of("campaign"), 200);

            System.out.printf("(a) %,d customers churn at once; waiting for their win-back mails...%n", customers);
            int before = mailsReceived.getAsInt();
            long t0 = System.nanoTime();
            for (int c = 0; c < customers; c++) {
                churn(producer, c);
            }
            producer.flush();
            int last = before;
            long lastProgress = System.nanoTime();
            while (mailsReceived.getAsInt() - before < customers) {
                TimeUnit.MILLISECONDS.sleep(200); // polling the SMTP sink of the platform under test
                int received = mailsReceived.getAsInt();
                if (received != last) {
                    last = received;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("no mail for a minute: " + (received - before) + " of " + customers);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            BenchSupport.add(report, String.format("| (a) win-back messages decided and sent, %,d customers churning at once | "
                    + "%,.0f messages/s (%.1f s) |%n", customers, customers / seconds, seconds));

            System.out.printf("(b) %d churns one at a time, trigger to mail...%n", probes);
            List<Long> millis = new ArrayList<>();
            for (int p = 0; p < probes; p++) {
                int count = mailsReceived.getAsInt();
                long sent = System.nanoTime();
                churn(producer, customers + p).get();
                while (mailsReceived.getAsInt() == count) {
                    TimeUnit.MILLISECONDS.sleep(5); // polling the SMTP sink of the platform under test
                }
                millis.add((System.nanoTime() - sent) / 1_000_000);
            }
            millis.sort(null);
            BenchSupport.add(report, String.format("| (b) trigger event to mail in the sink, one at a time (%d probes) | "
                            + "p50 %d ms, p99 %d ms, max %d ms |%n", probes, millis.get(millis.size() / 2),
                    millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)), millis.getLast()));
        }
        return report.toString();
    }

    private java.util.concurrent.Future<?> churn(KafkaProducer<String, byte[]> producer, int customer) {
        Instant at = Instant.now();
        return send(producer, customer, EventType.LIFECYCLE_STAGE_CHANGED, at,
                new LifecycleStageChanged(LifecycleStage.ACTIVE, LifecycleStage.CHURNED, CancelReason.PRICE, at));
    }

    private java.util.concurrent.Future<?> send(KafkaProducer<String, byte[]> producer, int customer, EventType type,
                                                Instant at, EventData data) {
        String subject = "cus_" + customer;
        byte[] json = EventJson.toBytes(EventJson.event("bench-campaign-" + (++sequence), "/bench", type, at, tenant,
                subject, data));
        return producer.send(new ProducerRecord<>(type.topic(), tenant + ":" + subject, json));
    }
}
