package dev.rebound.campaign.contact;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class ContactConfig {

    @Bean
    ContactBook contactBook(MongoTemplate mongo) {
        return new MongoContactBook(mongo);
    }

    @Bean
    ContactRecording contactRecording(ContactBook book) {
        return new ContactRecording(book);
    }
}
