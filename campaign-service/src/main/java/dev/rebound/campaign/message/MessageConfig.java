package dev.rebound.campaign.message;

import dev.rebound.campaign.config.CampaignProperties;
import dev.rebound.campaign.channel.SmtpEmailChannel;
import dev.rebound.campaign.contact.ContactBook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MessageConfig {

    @Bean
    MessageStore messageStore(MongoTemplate mongo) {
        return new MongoMessageStore(mongo);
    }

    @Bean
    HmacUnsubscribe unsubscribe(CampaignProperties properties) {
        return new HmacUnsubscribe(properties.publicUrl(), properties.unsubscribeSecret());
    }

    @Bean
    MessagePlanning messagePlanning(MessageStore store, Clock clock) {
        return new MessagePlanning(store, clock);
    }

    @Bean
    MessageDispatching messageDispatching(MessageStore store, ContactBook contacts, JavaMailSender mail,
                                          HmacUnsubscribe unsubscribe, CampaignProperties properties, Clock clock) {
        return new MessageDispatching(store, contacts, new MustacheTemplates(),
                new SmtpEmailChannel(mail, properties.from()), unsubscribe, clock, properties.sendLease(),
                properties.contactWait());
    }
}
