package dev.rebound.campaign;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.rebound.campaign.infra.mail.SmtpEmailChannel;
import dev.rebound.campaign.infra.mongo.MongoContactBook;
import dev.rebound.campaign.infra.mongo.MongoMessageStore;
import dev.rebound.campaign.infra.template.MustacheTemplates;
import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.CsmChannel;
import dev.rebound.campaign.message.HmacUnsubscribe;
import dev.rebound.campaign.message.MessageDispatching;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.message.SendingRounds;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.campaign.respect.ContactRules;
import dev.rebound.testsupport.TestInfra;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each planned message is sent once — seen from the receiving mail server: two senders working the same due messages
 * never both send one, and a sender that dies in the middle of a send (its SMTP connection cut while the body is in
 * flight, so the server discards the transaction) leaves the message to be sent by another once its lease ends.
 */
class ExactlyOnceSendingTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private MongoClient client;
    private MongoMessageStore store;
    private MongoContactBook contacts;
    private MessagePlanning planning;

    @BeforeEach
    void start() {
        smtp.start();
        client = MongoClients.create(TestInfra.mongoUri());
        MongoTemplate mongo = new MongoTemplate(client, TestInfra.database("campaign_exactly_once"));
        store = new MongoMessageStore(mongo);
        store.declareIndexes();
        contacts = new MongoContactBook(mongo);
        planning = new MessagePlanning(store, Clock.systemUTC(), CampaignObserver.NONE);
    }

    @AfterEach
    void stop() {
        smtp.stop();
        client.close();
    }

    @Test
    void twoSendersOverTheSameDueMessagesSendEachExactlyOnce() throws Exception {
        List<String> customers = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "cus_" + i).toList();
        customers.forEach(this::plan);
        // two instances, each sending with four workers side by side
        MessageDispatching a = sender(smtp.getSmtp().getPort()).withParallelism(4);
        MessageDispatching b = sender(smtp.getSmtp().getPort()).withParallelism(4);
        try (ExecutorService instances = Executors.newFixedThreadPool(2)) {
            Future<Integer> first = instances.submit(() -> a.dispatchDue(m -> { }));
            Future<Integer> second = instances.submit(() -> b.dispatchDue(m -> { }));
            assertThat(first.get() + second.get()).isEqualTo(customers.size());
            assertThat(first.get()).as("both instances took part").isPositive();
            assertThat(second.get()).isPositive();
        }
        Map<String, Long> perRecipient = received().stream().collect(Collectors.groupingBy(this::recipient,
                Collectors.counting()));
        assertThat(perRecipient).hasSize(customers.size());
        assertThat(perRecipient.values()).containsOnly(1L);
        assertThat(customers).allSatisfy(c -> assertThat(store.forCustomer(tenant, c, 10))
                .singleElement().extracting(OutboundMessage::status).isEqualTo(OutboundMessage.MessageStatus.SENT));
    }

    @Test
    void aMessagePlannedDueNowIsSentWithoutWaitingForTheIntervalOnceHoweverManyRoundsAreAskedFor() throws Exception {
        // no scheduled round at all: only what planning asks for, and rounds asked for meanwhile from elsewhere
        SendingRounds rounds = new SendingRounds(sender(smtp.getSmtp().getPort()).withParallelism(4), m -> { });
        planning = new MessagePlanning(store, Clock.systemUTC(), CampaignObserver.NONE).withDueNow(rounds::soon);
        List<String> customers = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "cus_now" + i).toList();
        try (ExecutorService ticks = Executors.newSingleThreadExecutor()) {
            Future<?> ticking = ticks.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    rounds.run();
                }
            });
            customers.subList(0, 15).forEach(this::plan);
            ticking.get();
        }
        customers.subList(15, customers.size()).forEach(this::plan); // only what planning hands over sends these
        contacts.update(tenant, "cus_later", Map.of("email", "cus_later@example.com", "timezone", "UTC"));
        planning.plan(new PlannedMessage(tenant, "cus_later", "winback", OutboundMessage.Channel.EMAIL, "churn-1",
                "winback", Map.of("price", "true", "discountPercent", "20", "offerEnds", "2026-12-31"),
                java.time.Instant.now().plus(Duration.ofHours(1))));

        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= customers.size());
        Map<String, Long> perRecipient = received().stream().collect(Collectors.groupingBy(this::recipient,
                Collectors.counting()));
        assertThat(perRecipient.keySet()).containsExactlyInAnyOrderElementsOf(customers.stream()
                .map(c -> c + "@example.com").toList());
        assertThat(perRecipient.values()).containsOnly(1L);
        assertThat(store.forCustomer(tenant, "cus_later", 1)).singleElement().extracting(OutboundMessage::status)
                .as("a message due later waits for its time").isEqualTo(OutboundMessage.MessageStatus.PENDING);
        rounds.stop();
    }

    @Test
    void aSenderThatDiesMidSendLeavesTheMessageToAnotherWhichSendsItOnce() throws Exception {
        plan("cus_ada");
        try (CuttingProxy proxy = new CuttingProxy(smtp.getSmtp().getPort())) {
            proxy.armCutMidBody();
            MessageDispatching dying = sender(proxy.port());
            // the first sender claims the message and dies while the body is on the wire: nothing after the claim
            // is written, exactly as when its process is killed
            assertThatThrownBy(() -> dying.dispatchDue(m -> { })).isInstanceOf(RuntimeException.class);
            assertThat(proxy.cutOne()).isTrue();
        }
        assertThat(received()).as("the server discarded the half-sent message").isEmpty();
        MessageDispatching survivor = sender(smtp.getSmtp().getPort());
        assertThat(survivor.dispatchDue(m -> { })).as("the dead sender's lease still holds it").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.dispatchDue(m -> { }) == 1);
        assertThat(received()).singleElement().extracting(this::recipient).isEqualTo("cus_ada@example.com");
        assertThat(received().getFirst().getMessageID())
                .isEqualTo("<" + store.forCustomer(tenant, "cus_ada", 1).getFirst().id() + "@rebound>");
        assertThat(survivor.dispatchDue(m -> { })).isZero();
        assertThat(received()).hasSize(1);
    }

    @Test
    void whileTheMailServerIsUnreachableEmailsWaitBackingOffCountedAndAreEachSentOnceItIsBack() throws Exception {
        List<String> customers = List.of("cus_a", "cus_b", "cus_c");
        customers.forEach(this::plan);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        MessageDispatching down = sender(closedPort, new dev.rebound.campaign.infra.metrics.CampaignMetrics(meters))
                .withEmailRetryAfter(Duration.ofSeconds(1));
        assertThat(down.dispatchDue(m -> { })).as("nothing sent, nothing thrown: the round went on").isZero();
        assertThat(meters.counter("rebound.campaign.messages.deferred", "playbook", "winback", "channel", "email",
                "reason", "channel unavailable").count()).as("every waiting email counted").isEqualTo(3);
        assertThat(customers).allSatisfy(c -> assertThat(store.forCustomer(tenant, c, 1).getFirst())
                .satisfies(m -> {
                    assertThat(m.status()).isEqualTo(OutboundMessage.MessageStatus.PENDING);
                    assertThat(m.detail()).contains("SMTP server unreachable").contains("(attempt 1)");
                }));
        assertThat(down.dispatchDue(m -> { })).as("each waits its backoff, not retried at once").isZero();
        // the second attempt, a second later, fails again and waits twice as long
        await().atMost(Duration.ofSeconds(10)).until(() -> store.forCustomer(tenant, "cus_a", 1).getFirst().detail()
                .contains("(attempt 2)") || down.dispatchDue(m -> { }) < 0);
        MessageDispatching back = sender(smtp.getSmtp().getPort());
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            back.dispatchDue(m -> { });
            return received().size() == customers.size();
        });
        assertThat(received().stream().map(this::recipient)).containsExactlyInAnyOrder("cus_a@example.com",
                "cus_b@example.com", "cus_c@example.com");
        assertThat(back.dispatchDue(m -> { })).isZero();
        assertThat(received()).hasSize(3);
    }

    @Test
    void ofACustomersMessagesDueAtOnceTheContactBudgetLetsThroughTheEarliestDueWhicheverWorkerTakesThem() {
        // the budget allows two a week; three of each customer's messages fall due together, trial reminder first.
        // Scoring found the customers valuable between the reminder's planning and the others': the later two rank
        // higher among other customers' messages, which must not let them take the customer's budget from the first.
        // (Five customers: their fifteen messages are claimed in one page of the eight workers)
        List<String> customers = java.util.stream.IntStream.range(0, 5).mapToObj(i -> "cus_b" + i).toList();
        java.time.Instant now = java.time.Instant.now();
        MessagePlanning byValue = new MessagePlanning(store, Clock.systemUTC(), CampaignObserver.NONE).withValueOrder(contacts);
        for (String customer : customers) {
            contacts.update(tenant, customer, Map.of("email", customer + "@example.com", "timezone", "UTC"));
            for (String playbook : List.of("trial", "nps-detractor", "at-risk")) {
                if (!playbook.equals("trial")) {
                    contacts.update(tenant, customer, Map.of("segments", List.of("high_ltv")));
                }
                var definition = dev.rebound.campaign.playbook.PlaybookCatalog.find(playbook).orElseThrow();
                byValue.plan(new PlannedMessage(tenant, customer, playbook, OutboundMessage.Channel.EMAIL,
                        "trigger-" + playbook, definition.templates().getFirst(), definition.sample(),
                        now.minusSeconds(switch (playbook) {
                            case "trial" -> 3;
                            case "nps-detractor" -> 2;
                            default -> 1;
                        })));
            }
        }
        assertThat(store.forCustomer(tenant, customers.getFirst(), 10)).extracting(OutboundMessage::priority)
                .as("ranked by what was known when each was planned").containsExactlyInAnyOrder(0, 4, 4);
        MessageDispatching sender = sender(smtp.getSmtp().getPort(), CampaignObserver.NONE, 2).withParallelism(8);
        assertThat(sender.dispatchDue(m -> { })).isEqualTo(2 * customers.size());
        assertThat(customers).allSatisfy(c -> {
            Map<String, OutboundMessage> byPlaybook = store.forCustomer(tenant, c, 10).stream()
                    .collect(Collectors.toMap(OutboundMessage::playbook, Function.identity()));
            assertThat(byPlaybook.get("trial").status()).isEqualTo(OutboundMessage.MessageStatus.SENT);
            assertThat(byPlaybook.get("nps-detractor").status()).isEqualTo(OutboundMessage.MessageStatus.SENT);
            assertThat(byPlaybook.get("at-risk").status()).isEqualTo(OutboundMessage.MessageStatus.PENDING);
            assertThat(byPlaybook.get("at-risk").detail()).startsWith("contact budget: 2 messages sent");
        });
    }

    private void plan(String customer) {
        contacts.update(tenant, customer, Map.of("email", customer + "@example.com", "timezone", "UTC"));
        planning.plan(new PlannedMessage(tenant, customer, "winback", OutboundMessage.Channel.EMAIL, "churn-1",
                "winback", Map.of("price", "true", "discountPercent", "20", "offerEnds", "2026-12-31"),
                java.time.Instant.now().minusSeconds(1)));
    }

    private MessageDispatching sender(int smtpPort) {
        return sender(smtpPort, CampaignObserver.NONE);
    }

    private MessageDispatching sender(int smtpPort, CampaignObserver observer) {
        return sender(smtpPort, observer, 1000);
    }

    private MessageDispatching sender(int smtpPort, CampaignObserver observer, int weeklyBudget) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtpPort);
        mail.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        ContactRules rules = new ContactRules(new ContactRules.Settings(weeklyBudget, Duration.ofDays(7), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, 0), store);
        return new MessageDispatching(store, contacts, new MustacheTemplates(),
                new SmtpEmailChannel(mail, "Rebound <noreply@rebound.local>"),
                new HmacUnsubscribe("http://localhost:8083", "exactly-once-test-secret-0123456789abcdef"),
                Clock.systemUTC(), LEASE, Duration.ofMinutes(10), observer, rules, CsmChannel.NONE,
                Duration.ofSeconds(30));
    }

    private List<MimeMessage> received() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).endsWith("@example.com")).toList();
    }

    private String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
