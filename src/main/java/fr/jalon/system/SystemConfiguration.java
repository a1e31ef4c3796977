package fr.jalon.system;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.List;

import java.util.function.Supplier;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.lang.Nullable;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.validation.Validator;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Services check their parameters ({@code @Validated}, with {@link SingleLine}, {@link Name},
	 * {@link MultiLine}, {@code @Valid} requests): a page reaches them as the API does, and cannot skip what
	 * they enforce. A violation is {@link InvalidInput} at once, before the method runs, so that the API's
	 * problem details and the pages' forms read it as any other invalid input. (In place of Spring Boot's
	 * own post-processor, which would throw Bean Validation's exception.)
	 */
	@Bean
	static MethodValidationPostProcessor methodValidationPostProcessor(ObjectProvider<Validator> validator) {
		MethodValidationPostProcessor processor = new MethodValidationPostProcessor() {

			@Override
			protected Advice createMethodValidationAdvice(Supplier<Validator> supplier) {
				MethodValidationAdapter adapter = new MethodValidationAdapter(supplier);
				return (MethodInterceptor) invocation -> {
					var violations = adapter.invokeValidatorForArguments(invocation.getThis(), invocation.getMethod(),
							invocation.getArguments(), new Class<?>[0]);
					if (!violations.isEmpty()) {
						throw InvalidInput.of(violations);
					}
					return invocation.proceed();
				};
			}

		};
		processor.setProxyTargetClass(true);
		processor.setValidatorProvider(validator);
		return processor;
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
	 * YAML bodies of {@link StrictReading#MAX_YAML} at most, refused as soon as they pass it (413). Aliases
	 * need no limit: Jackson reads an alias as the anchor's name and never expands it. Read strictly,
	 * as JSON is (see {@link StrictReading}).
	 */
	static final class BoundedYamlConverter extends MappingJackson2YamlHttpMessageConverter {

		BoundedYamlConverter() {
			super(StrictReading.yaml());
		}

		@Override
		public Object read(Type type, @Nullable Class<?> contextClass, HttpInputMessage input) throws IOException {
			StrictReading.requireYamlSize(input.getHeaders().getContentLength());
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
					StrictReading.requireYamlSize(read);
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
