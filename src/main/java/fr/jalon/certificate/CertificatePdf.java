package fr.jalon.certificate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The signed PDF of a certificate, stored once: every download returns these bytes. */
@Entity
@Table(name = "certificate_pdf")
class CertificatePdf {

	@Id
	private String code;

	private byte[] content;

	protected CertificatePdf() {
	}

	CertificatePdf(String code, byte[] content) {
		this.code = code;
		this.content = content;
	}

	byte[] content() {
		return content;
	}

}
