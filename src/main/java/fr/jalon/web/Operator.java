package fr.jalon.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who operates this instance of Jalon, as the « Mentions légales » and « Données personnelles » pages name them
 * ({@code jalon.operator.*}): to be filled by the operating ministry; the defaults (application.yaml) say so.
 *
 * @param name the publisher (éditeur), a ministry or a service of the State
 * @param address its postal address
 * @param director the director of publication (a title, not necessarily a name)
 * @param contact where to write, an e-mail address or a web form
 * @param dpo the data protection officer's contact (délégué à la protection des données)
 * @param host the host (hébergeur): name and address
 */
@ConfigurationProperties("jalon.operator")
record Operator(String name, String address, String director, String contact, String dpo, String host) {

}
