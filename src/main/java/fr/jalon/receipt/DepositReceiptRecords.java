package fr.jalon.receipt;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface DepositReceiptRecords extends JpaRepository<DepositReceipt, String> {

	List<DepositReceipt> findByCandidacyIdOrderByNumber(String candidacyId);

	Optional<DepositReceipt> findByCandidacyIdAndNumber(String candidacyId, int number);

	long countByCandidacyId(String candidacyId);

}
