package fr.jalon.audit;

import org.springframework.data.repository.Repository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Append and read only: no update or delete is offered. */
interface AuditEntries extends Repository<AuditEntry, Long>, JpaSpecificationExecutor<AuditEntry> {

	AuditEntry save(AuditEntry entry);

}
