package fr.jalon.certificate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A certificate's PDF, as downloaded. */
record CertificateFile(String code, String sha256, byte[] content) {

	/** The answer that hands it over: a PDF shown in the browser, named after its code, its digest as ETag. */
	ResponseEntity<byte[]> answer() {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.eTag("\"" + sha256 + "\"")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("certificat-" + code + ".pdf").build().toString())
			.body(content);
	}

}
