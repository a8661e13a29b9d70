package dev.rebound.campaign.message;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CampaignMessageSent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

/** Drives sending on a fixed delay, then announces each sent message as campaign.message_sent. */
@Component
class MessageScheduler {

    private static final Logger log = LoggerFactory.getLogger(MessageScheduler.class);
    private static final String SOURCE = "/rebound/campaign";

    private final MessageDispatching dispatching;
    private final MessageStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    /** True on start (announcements a previous run left behind) and after each round that settled messages. */
    private final AtomicBoolean toAnnounce = new AtomicBoolean(true);

    MessageScheduler(MessageDispatching dispatching, MessageStore store, KafkaTemplate<String, byte[]> kafka) {
        this.dispatching = dispatching;
        this.store = store;
        this.kafka = kafka;
    }

    @Scheduled(fixedDelayString = "${rebound.campaign.dispatch-interval:1s}")
    void dispatchAndAnnounce() {
        try {
            if (dispatching.dispatchDue() > 0) {
                toAnnounce.set(true);
            }
        } catch (RuntimeException e) {
            log.warn("dispatch round stopped, the next round retries: {}", e.toString());
        }
        // the search for unannounced messages scans the collection: only after a send, or a failed announcement
        if (!toAnnounce.getAndSet(false)) {
            return;
        }
        List<OutboundMessage> batch = store.unannounced(100);
        if (batch.size() == 100) {
            toAnnounce.set(true); // more are waiting: the next round continues
        }
        for (OutboundMessage sent : batch) {
            try {
                var event = EventJson.event(sent.id(), SOURCE, EventType.CAMPAIGN_MESSAGE_SENT, sent.sentAt(),
                        sent.tenantId(), sent.customerId(), new CampaignMessageSent(sent.id(), sent.playbook(),
                                sent.channel().name().toLowerCase(Locale.ROOT), sent.trigger()));
                kafka.send(new ProducerRecord<>(EventType.CAMPAIGN_MESSAGE_SENT.topic(), event.key(),
                        EventJson.toBytes(event))).get(10, TimeUnit.SECONDS);
                store.markAnnounced(sent.id());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("campaign.message_sent for {} not published yet: {}", sent.id(), e.toString());
                toAnnounce.set(true);
                return;
            }
        }
    }
}
