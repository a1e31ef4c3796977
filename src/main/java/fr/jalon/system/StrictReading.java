package fr.jalon.system;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * How Jalon reads every JSON and YAML document, the bodies of the API as the files it ships:
 * strictly. An unknown field, a key given twice, anything after the document, or a value of the
 * wrong type (a number or a yes/no where a text is expected, a text where a number or a yes/no is,
 * a decimal where a whole number is, anything but an ISO-8601 text where a date is) fails instead
 * of being dropped or converted.
 */
public final class StrictReading {

	/** Dates and times as ISO-8601 texts only: Jackson would take a number of seconds, or an array of fields. */
	private static final SimpleModule TEXTUAL_TIME = new SimpleModule("jalon-textual-time")
		.setDeserializerModifier(new BeanDeserializerModifier() {

			@Override
			public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
					JsonDeserializer<?> deserializer) {
				return "java.time".equals(description.getBeanClass().getPackageName()) ? new TextualTime(deserializer)
						: deserializer;
			}

		});

	private StrictReading() {
	}

	/** Makes that builder read strictly: Spring's own (through a customizer), or one for another format. */
	public static Jackson2ObjectMapperBuilder configure(Jackson2ObjectMapperBuilder builder) {
		return builder
			.featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_TRAILING_TOKENS, JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS, DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.postConfigurer(mapper -> {
				refuseScalarsAsText(mapper);
				mapper.registerModule(TEXTUAL_TIME);
			});
	}

	/**
	 * A YAML mapper reading strictly, and writing as Spring's YAML converter does: the one of the
	 * API's {@code application/yaml}, of the administrators' pages and of the packaged YAML files.
	 */
	public static ObjectMapper yaml() {
		return configure(Jackson2ObjectMapperBuilder.yaml()).build();
	}

	/** {@link MapperFeature#ALLOW_COERCION_OF_SCALARS} covers numbers and yes/no, not texts: these refuse them too. */
	private static void refuseScalarsAsText(ObjectMapper mapper) {
		mapper.coercionConfigFor(LogicalType.Textual)
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
	}

	private static final class TextualTime extends DelegatingDeserializer {

		TextualTime(JsonDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
			return new TextualTime(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return context.handleUnexpectedToken(handledType(), parser);
			}
			return super.deserialize(parser, context);
		}

	}

}
