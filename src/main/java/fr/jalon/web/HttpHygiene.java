package fr.jalon.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * What every answer says of itself beyond its body, where Spring Boot's properties (application.yaml: server.compression,
 * spring.web.resources, spring.web.locale) cannot say it: the security headers are in security/SecurityConfig.
 * <ul>
 * <li>A static file under a versioned address (the content's MD5 in its name) never changes: "immutable" beside its
 * year of max-age, so that a browser does not even revalidate it on a reload.</li>
 * <li>{@code /favicon.ico} (the DSFR's, where browsers look for it) and {@code /robots.txt}: fixed addresses, kept a
 * day.</li>
 * <li>{@code Content-Language} on every answer, the API's too (only rendered views set it otherwise).</li>
 * </ul>
 */
@Configuration
class HttpHygiene {

	/** Files whose address others fix (browsers, crawlers): cached, but not so long that a change goes unseen. */
	static final CacheControl FIXED_ADDRESS = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

	@Bean
	WebMvcConfigurer fixedAddresses() {
		return new WebMvcConfigurer() {
			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/favicon.ico")
					.addResourceLocations("classpath:/static/vendor/dsfr/favicon/")
					.setCacheControl(FIXED_ADDRESS);
				registry.addResourceHandler("/robots.txt")
					.addResourceLocations("classpath:/static/")
					.setCacheControl(FIXED_ADDRESS);
			}
		};
	}

	/** Spring Boot's static files handler, once built: "immutable" where addresses are versioned. */
	@Bean
	static BeanPostProcessor immutableVersionedFiles() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof SimpleUrlHandlerMapping mapping) {
					mapping.getUrlMap().values().forEach(HttpHygiene::immutableIfVersioned);
				}
				return bean;
			}
		};
	}

	private static void immutableIfVersioned(Object handler) {
		if (handler instanceof ResourceHttpRequestHandler files && files.getCacheControl() != null
				&& files.getResourceResolvers().stream().anyMatch(VersionResourceResolver.class::isInstance)) {
			files.getCacheControl().immutable();
		}
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> contentLanguage(LocaleResolver locales) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						response.setHeader(HttpHeaders.CONTENT_LANGUAGE,
								locales.resolveLocale(request).toLanguageTag());
						chain.doFilter(request, response);
					}
				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
