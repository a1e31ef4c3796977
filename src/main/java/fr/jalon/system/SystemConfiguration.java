package fr.jalon.system;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Spring's JSON mapper, which reads every JSON body, reads strictly (see {@link StrictReading}). */
	@Bean
	Jackson2ObjectMapperBuilderCustomizer strictReading() {
		return StrictReading::configure;
	}

	/** Every list is paged the same way: a controller parameter of type {@link Paging}, read from the query. */
	@Bean
	WebMvcConfigurer paging() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new Paging.Resolver());
			}
		};
	}

	/** Referentials may be sent and read as YAML ({@code application/yaml}); JSON stays the default. */
	@Bean
	WebMvcConfigurer yamlMessages() {
		return new WebMvcConfigurer() {
			@Override
			public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
				// Spring's defaults may hold an unbounded YAML converter already: this one takes its place.
				converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
				converters.add(new BoundedYamlConverter());
			}
		};
	}

	/**
	 * YAML bodies of 512 KB at most (a referential is some tens of kilobytes): the YAML scanner slows
	 * down sharply on huge tokens, so that a few megabytes would hold a thread for seconds. Aliases
	 * need no limit: Jackson reads an alias as the anchor's name and never expands it. Read strictly,
	 * as JSON is (see {@link StrictReading}).
	 */
	static final class BoundedYamlConverter extends MappingJackson2YamlHttpMessageConverter {

		static final int MAX_SIZE = 512 * 1024;

		BoundedYamlConverter() {
			super(StrictReading.yaml());
		}

		@Override
		public Object read(Type type, @Nullable Class<?> contextClass, HttpInputMessage input) throws IOException {
			if (input.getHeaders().getContentLength() > MAX_SIZE) {
				throw new TooLarge("Un document YAML ne peut dépasser 512 Ko.");
			}
			InputStream bounded = new FilterInputStream(input.getBody()) {

				private long read;

				@Override
				public int read() throws IOException {
					int b = super.read();
					count(b < 0 ? 0 : 1);
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = super.read(buffer, offset, length);
					count(Math.max(n, 0));
					return n;
				}

				private void count(int n) {
					read += n;
					if (read > MAX_SIZE) {
						throw new TooLarge("Un document YAML ne peut dépasser 512 Ko.");
					}
				}

			};
			return super.read(type, contextClass, new HttpInputMessage() {

				@Override
				public InputStream getBody() {
					return bounded;
				}

				@Override
				public HttpHeaders getHeaders() {
					return input.getHeaders();
				}

			});
		}

	}

}
