package fr.jalon.security;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokens extends JpaRepository<ApiToken, String> {

	List<ApiToken> findByUsernameOrderByCreatedAtDesc(String username);

	/** Its last use, written only when the one on record is older than {@code before}: once a minute at most. */
	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = ?2 where t.id = ?1 and (t.lastUsedAt is null or t.lastUsedAt < ?3)")
	int used(String id, Instant now, Instant before);

	@Modifying
	@Query("delete from ApiToken t where t.username = ?1")
	int deleteByOwner(String username);

}
