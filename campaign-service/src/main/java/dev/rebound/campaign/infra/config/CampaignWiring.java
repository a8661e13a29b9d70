package dev.rebound.campaign.infra.config;

import dev.rebound.campaign.atrisk.AtRiskPlaybook;
import dev.rebound.campaign.dormant.DormantReactivation;
import dev.rebound.campaign.features.FeatureNews;
import dev.rebound.campaign.infra.mongo.MongoFeatureBook;
import dev.rebound.campaign.infra.mongo.MongoPlaybookSettings;
import dev.rebound.campaign.infra.mongo.MongoCustomPlaybookStore;
import dev.rebound.campaign.custom.CustomPlaybookReader;
import dev.rebound.campaign.custom.CustomPlaybookSettings;
import dev.rebound.campaign.custom.CustomPlaybooks;
import dev.rebound.campaign.playbook.PlaybookValidation;
import dev.rebound.campaign.nps.NpsFollowUp;
import dev.rebound.campaign.onboarding.OnboardingGuide;
import dev.rebound.campaign.trial.TrialPlaybook;
import dev.rebound.campaign.contact.ContactBook;
import dev.rebound.campaign.infra.csm.SlackWebhookCsmChannel;
import dev.rebound.campaign.message.CsmChannel;
import dev.rebound.campaign.message.SmsChannel;
import dev.rebound.campaign.infra.sms.TwilioSmsChannel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import java.net.http.HttpClient;
import dev.rebound.campaign.contact.ContactRecording;
import dev.rebound.campaign.conversion.Attribution;
import dev.rebound.campaign.dunning.DunningPlaybook;
import dev.rebound.campaign.infra.mail.SmtpEmailChannel;
import dev.rebound.campaign.infra.metrics.CampaignMetrics;
import dev.rebound.campaign.infra.mongo.MongoContactBook;
import dev.rebound.campaign.infra.mongo.MongoMessageStore;
import dev.rebound.campaign.infra.template.MustacheTemplates;
import dev.rebound.campaign.message.HmacUnsubscribe;
import dev.rebound.campaign.message.MessageDispatching;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.message.SendingRounds;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.respect.ContactRules;
import dev.rebound.campaign.trigger.TriggerRouting;
import dev.rebound.campaign.winback.WinBackPlaybook;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;

/** Campaign's use cases wired to their adapters. */
@Configuration(proxyBeanMethods = false)
class CampaignWiring {

    static final String CSM_POLICY = "csm-webhook";
    static final String SMS_POLICY = "sms-provider";

    @Bean
    ContactBook contactBook(MongoTemplate mongo) {
        MongoContactBook book = new MongoContactBook(mongo);
        book.declareIndexes();
        return book;
    }

    @Bean
    MongoMessageStore messageStore(MongoTemplate mongo) {
        MongoMessageStore store = new MongoMessageStore(mongo);
        store.declareIndexes();
        return store;
    }

    @Bean
    MongoFeatureBook featureBook(MongoTemplate mongo) {
        MongoFeatureBook book = new MongoFeatureBook(mongo);
        book.declareIndexes();
        return book;
    }

    @Bean
    ContactRules contactRules(MongoMessageStore messages, CampaignProperties properties) {
        CampaignProperties.Respect r = properties.respect();
        return new ContactRules(new ContactRules.Settings(r.marketingBudget(), r.budgetPeriod(), r.quietFrom(),
                r.quietUntil(), r.holdoutPercent()), messages);
    }

    /** campaign.message_sent waits in the sent message's document until published. */
    @Bean
    OutboxStore messageOutbox(MongoTemplate mongo) {
        return new EmbeddedMongoOutbox(mongo, MongoMessageStore.COLLECTION);
    }

    @Bean
    CampaignMetrics campaignMetrics(MeterRegistry registry) {
        return new CampaignMetrics(registry);
    }

    @Bean
    HmacUnsubscribe unsubscribe(CampaignProperties properties) {
        return new HmacUnsubscribe(properties.publicUrl(), properties.unsubscribeSecret());
    }

    /** How long a playbook's settings read from the store are used before being read again. */
    private static final Duration SETTINGS_FRESH = Duration.ofSeconds(5);

    @Bean
    MongoPlaybookSettings playbookSettings(MongoTemplate mongo) {
        return new MongoPlaybookSettings(mongo, SETTINGS_FRESH);
    }

    @Bean
    MustacheTemplates templates() {
        return new MustacheTemplates();
    }

    @Bean
    MongoCustomPlaybookStore customPlaybooks(MongoTemplate mongo, MustacheTemplates templates,
                                             tools.jackson.databind.ObjectMapper json) {
        MongoCustomPlaybookStore store = new MongoCustomPlaybookStore(mongo,
                new CustomPlaybookReader(new PlaybookValidation(templates::fieldsOf)), json, SETTINGS_FRESH);
        store.declareIndexes();
        return store;
    }

    /** Each settled message's campaign.message_sent goes out through the outbox right after it is stored. */
    @Bean(destroyMethod = "stop")
    SendingRounds sendingRounds(MessageDispatching dispatching, dev.rebound.outbox.OutboxRelay relay) {
        return new SendingRounds(dispatching, message -> relay.deliver(message.id(), message.outbox()));
    }

    @Bean
    MessagePlanning messagePlanning(MessageStore store, Clock clock, CampaignMetrics metrics,
                                    MongoPlaybookSettings playbooks, MongoCustomPlaybookStore own,
                                    ContactBook contacts, SendingRounds rounds) {
        return new MessagePlanning(store, clock, metrics, new CustomPlaybookSettings(playbooks, own))
                .withValueOrder(contacts).withDueNow(rounds::soon);
    }

    @Bean
    TriggerRouting triggerRouting(ContactBook contacts, MessageStore store, MessagePlanning planning,
                                  CampaignProperties properties, Clock clock, CampaignMetrics metrics,
                                  MongoFeatureBook features, MongoCustomPlaybookStore own) {
        CampaignProperties.WinBack w = properties.winback();
        Attribution attribution = new Attribution(store, properties.conversionWindow(), metrics);
        return new TriggerRouting(new ContactRecording(contacts),
                new WinBackPlaybook(w.delay(), w.window(), w.discountPercent(), w.discountValidFor()),
                new DunningPlaybook(), new AtRiskPlaybook(),
                new TrialPlaybook(properties.trial().remindBefore(), w.window()), new NpsFollowUp(),
                new OnboardingGuide(properties.onboarding().guideAfter(), properties.onboarding().guideAfter()),
                new DormantReactivation(features, properties.dormant().digestPeriod(), w.window()),
                new FeatureNews(features), attribution, planning, clock)
                .withCustomPlaybooks(new CustomPlaybooks(own, contacts, attribution, store, metrics));
    }

    /** An HTTP client whose connection and every read give up after {@code timeout}. */
    private static RestClient restClient(java.time.Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return RestClient.builder().requestFactory(requests).build();
    }

    @Bean
    SmsChannel smsChannel(CampaignProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        CampaignProperties.Sms sms = properties.sms();
        return new TwilioSmsChannel(restClient(sms.timeout()), sms.baseUrl(),
                sms.accountSid(), sms.authToken(), sms.from(), circuitBreakers.circuitBreaker(SMS_POLICY),
                retries.retry(SMS_POLICY));
    }

    @Bean
    CsmChannel csmChannel(CampaignProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        CampaignProperties.Csm csm = properties.csm();
        return new SlackWebhookCsmChannel(restClient(csm.timeout()), csm.webhookUrl(),
                circuitBreakers.circuitBreaker(CSM_POLICY), retries.retry(CSM_POLICY));
    }

    /** Its kept connections are closed when the service stops (each holds a write-timeout thread until then). */
    @Bean(destroyMethod = "close")
    SmtpEmailChannel emailChannel(JavaMailSenderImpl mail, CampaignProperties properties) {
        return new SmtpEmailChannel(mail, properties.from());
    }

    @Bean
    MessageDispatching messageDispatching(MessageStore store, ContactBook contacts, SmtpEmailChannel email,
                                          HmacUnsubscribe unsubscribe, CampaignProperties properties, Clock clock,
                                          CampaignMetrics metrics, ContactRules rules, CsmChannel csm,
                                          MustacheTemplates templates, MongoPlaybookSettings playbooks,
                                          MongoCustomPlaybookStore own, dev.rebound.outbox.Traces traces,
                                          SmsChannel sms) {
        return new MessageDispatching(store, contacts, templates,
                email, unsubscribe, clock, properties.sendLease(),
                properties.contactWait(), metrics, rules, csm, properties.csm().retryAfter())
                .withPlaybooks(new CustomPlaybookSettings(playbooks, own))
                .withTraces(traces).withSms(sms, properties.sms().retryAfter())
                .withEmailRetryAfter(properties.emailRetryAfter()).withParallelism(properties.sendParallelism());
    }
}
