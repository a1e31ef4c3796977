package fr.jalon.mail;

import java.util.Map;

import fr.jalon.system.French;

import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mails' words, in one place: the Thymeleaf text templates {@code templates/mail/<name>.txt}, whose first line
 * is the subject and the rest, after a blank line, the body.
 */
@Component
class MailTexts {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	MailTexts() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(".txt");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		engine.setTemplateResolver(resolver);
	}

	MailText render(String template, Map<String, Object> variables) {
		Context context = new Context(java.util.Locale.FRANCE, variables);
		String text = engine.process(template, context).replace("\r\n", "\n");
		int end = text.indexOf('\n');
		String subject = (end < 0 ? text : text.substring(0, end)).strip();
		String body = end < 0 ? "" : text.substring(end + 1).strip() + "\n";
		// French typography (« : » after a non-breaking space, typographic apostrophes…) set once, on the whole mail.
		subject = French.typeset(subject);
		body = French.typeset(body);
		return new MailText(subject.length() > 300 ? subject.substring(0, 299) + "…" : subject, body);
	}

}
