package fr.jalon.mail;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox's sender and the daily digest run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailConfiguration {

}
