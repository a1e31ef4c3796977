package fr.jalon.security;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * ProConnect answers its userinfo endpoint with a signed JWT ({@code application/jwt}), not JSON: this reads it as
 * its claims, its signature checked against the provider's keys (its JWKS), for Spring Security's user service.
 */
final class SignedUserInfo extends AbstractGenericHttpMessageConverter<Map<String, Object>> {

	static final MediaType JWT = new MediaType("application", "jwt");

	private final JwtDecoder decoder;

	SignedUserInfo(String jwkSetUri) {
		super(JWT);
		this.decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
			.jwsAlgorithms(algorithms -> algorithms.addAll(java.util.List.of(
					org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256,
					org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256)))
			.build();
	}

	@Override
	public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
		return canRead(mediaType) && mediaType != null;
	}

	@Override
	public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
		return false;
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return Map.class.isAssignableFrom(clazz);
	}

	@Override
	public Map<String, Object> read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
		return readInternal(null, input);
	}

	@Override
	protected Map<String, Object> readInternal(Class<? extends Map<String, Object>> clazz, HttpInputMessage input)
			throws IOException {
		String token = new String(input.getBody().readAllBytes(), StandardCharsets.US_ASCII).strip();
		try {
			return decoder.decode(token).getClaims();
		}
		catch (JwtException e) {
			throw new HttpMessageNotReadableException("Userinfo JWT not valid: " + e.getMessage(), e, input);
		}
	}

	@Override
	protected void writeInternal(Map<String, Object> claims, Type type, HttpOutputMessage output) {
		throw new UnsupportedOperationException();
	}

}
