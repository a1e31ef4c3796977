package fr.jalon.security;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ApiTokens extends JpaRepository<ApiToken, String> {

	List<ApiToken> findByUsernameOrderByCreatedAtDesc(String username);

	/** The token and its account, in one statement (a read-only transaction): what a bearer's request reads. */
	@Query("select t, a from ApiToken t, Account a where t.id = ?1 and a.username = t.username")
	List<Object[]> withAccount(String id);

	/** Its last use, written only when the one on record is older than {@code before}: once a minute at most. */
	@Transactional
	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = ?2 where t.id = ?1 and (t.lastUsedAt is null or t.lastUsedAt < ?3)")
	int used(String id, Instant now, Instant before);

	@Modifying
	@Query("delete from ApiToken t where t.username = ?1")
	int deleteByOwner(String username);

}
