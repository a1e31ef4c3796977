package fr.jalon.system;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
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

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * How Jalon reads every JSON and YAML document, the bodies of the API as the files it ships:
 * strictly. An unknown field, a key given twice, anything after the document, or a value of the
 * wrong type (a number or a yes/no where a text is expected, a text where a number or a yes/no is,
 * a decimal where a whole number is, anything but an ISO-8601 text where a date is) fails instead
 * of being dropped or converted.
 */
public final class StrictReading {

	/**
	 * The largest YAML (or JSON-as-YAML) document read, 512 KB: a referential is some tens of kilobytes,
	 * and the YAML scanner slows down sharply on huge tokens, so that a few megabytes would hold a thread
	 * for seconds or minutes. Every reader keeps to it: the API's {@code application/yaml}, the
	 * administrators' pages, a deployed programme's referential.
	 */
	public static final int MAX_YAML = 512 * 1024;

	public static final String YAML_TOO_LARGE = "Un document YAML ou JSON ne peut dépasser 512 Ko ; rien n'a été enregistré.";

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
				// A JSON body is bounded as a YAML one is: past it, the parser stops (413, see Problems).
				mapper.getFactory()
					.setStreamReadConstraints(StreamReadConstraints.builder()
						.maxDocumentLength(MAX_YAML)
						.maxStringLength(MAX_YAML)
						.build());
				refuseScalarsAsText(mapper);
				mapper.registerModule(TEXTUAL_TIME);
			});
	}

	/**
	 * A YAML mapper reading strictly, and writing as Spring's YAML converter does: the one of the
	 * API's {@code application/yaml}, of the administrators' pages and of the packaged YAML files.
	 */
	public static ObjectMapper yaml() {
		LoaderOptions limits = new LoaderOptions();
		limits.setCodePointLimit(MAX_YAML);
		return configure(Jackson2ObjectMapperBuilder.yaml().factory(YAMLFactory.builder().loaderOptions(limits).build()))
			.build();
	}

	/** Whether a reader stopped because the document passed {@link #MAX_YAML} (the parser's own bound). */
	public static boolean tooLong(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException constraint
					&& String.valueOf(constraint.getMessage()).contains("getMaxDocumentLength")) {
				return true;
			}
		}
		return false;
	}

	/** Refuses a document over {@link #MAX_YAML} bytes before anything reads it (413). */
	public static void requireYamlSize(long bytes) {
		if (bytes > MAX_YAML) {
			throw new TooLarge(YAML_TOO_LARGE);
		}
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
