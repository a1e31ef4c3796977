package fr.jalon.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Page sessions are kept in the database (Spring Session JDBC, settings under {@code spring.session} in
 * application.yaml), their attributes in Java serialization, so that every node, and every later start of one,
 * reads them. An attribute that this version cannot read (written by a version whose classes differ, during a
 * rolling upgrade) is read as absent: its user is signed out and sent to the login form, never answered a 500.
 */
@Configuration
class PageSessions {

	private static final Logger log = LoggerFactory.getLogger(PageSessions.class);

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> unreadableAttributesAreAbsent() {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		DeserializingConverter deserializer = new DeserializingConverter(PageSessions.class.getClassLoader());
		conversions.addConverter(byte[].class, Object.class, (Converter<byte[], Object>) bytes -> {
			try {
				return deserializer.convert(bytes);
			}
			catch (SerializationFailedException e) {
				log.warn("A page session attribute could not be read, the session goes on without it "
						+ "(written by another version of Jalon?): {}", e.getMostSpecificCause().toString());
				return null;
			}
		});
		return repository -> repository.setConversionService(conversions);
	}

}
