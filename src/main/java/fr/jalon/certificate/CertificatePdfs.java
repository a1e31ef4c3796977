package fr.jalon.certificate;

import org.springframework.data.jpa.repository.JpaRepository;

interface CertificatePdfs extends JpaRepository<CertificatePdf, String> {

}
