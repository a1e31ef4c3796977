package fr.jalon.certificate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: how many certificates Jalon renders (PDF/A, QR code) and signs (RSA 3072) per second, on one
 * thread and on as many threads as cores. Prints its figures; see BENCHMARKS.md for the command.
 *
 * <pre>java -cp ... fr.jalon.certificate.CertificateBenchmark [certificates per run] [runs]</pre>
 */
public final class CertificateBenchmark {

	private CertificateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int threads = Runtime.getRuntime().availableProcessors();
		CertificateRenderer renderer = new CertificateRenderer();
		CertificateSigner signer = new CertificateSigner(SigningKey.generate());
		System.out.printf("Jalon certificate benchmark: %d certificates per run, %d runs, %d cores, Java %s%n", count,
				runs, threads, System.getProperty("java.version"));

		measure(renderer, signer, count, 1); // warm-up: JIT, font and class loading
		List<Double> single = new ArrayList<>();
		List<Double> parallel = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			single.add(measure(renderer, signer, count, 1));
			parallel.add(measure(renderer, signer, count, threads));
			System.out.printf("run %d: %.1f certificates/s on 1 thread, %.1f certificates/s on %d threads%n", run,
					single.get(run - 1), parallel.get(run - 1), threads);
		}
		System.out.printf("median: %.1f certificates/s on 1 thread, %.1f certificates/s on %d threads%n",
				median(single), median(parallel), threads);
	}

	/** Renders and signs {@code count} different certificates on {@code threads} threads; certificates per second. */
	static double measure(CertificateRenderer renderer, CertificateSigner signer, int count, int threads)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<Long>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				work.add(pool.submit(() -> {
					long bytes = 0;
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						CertificateContent content = content(i);
						bytes += signer.sign(renderer.render(content), content.issuedAt()).length;
					}
					return bytes;
				}));
			}
			for (Future<Long> done : work) {
				done.get();
			}
			return count / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdown();
		}
	}

	static CertificateContent content(int i) {
		String code = "JAL-" + String.format("%04d", i % 10000) + "-BENC-H000";
		return new CertificateContent(code, i % 2 == 0 ? "Certificat de label" : "Certificat d’engagement",
				"EcoQuartier", "Label national EcoQuartier attribué", "Saint-Rémy-de-Provence", "Écoquartier du Cœur de ville — l’îlot n° " + i,
				"Commission nationale EcoQuartier", Instant.parse("2025-06-12T14:30:00Z"), 1,
				Instant.parse("2025-06-12T14:31:05Z").plusSeconds(i), "https://jalon.example.fr/certificats/" + code);
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
