package fr.jalon.certificate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: how many certificates Jalon renders (PDF/A, QR code) and signs (RSA 3072) per second, on one thread
 * and on as many threads as cores, beside two baselines measured in the same runs: the RSA signature alone (the
 * floor of signing, over as many bytes as a certificate) and rendering alone (unsigned), also as PDFBox renders by
 * itself, shaping every line with the font's GSUB table (what Jalon did before). Each figure is given per
 * second elapsed and per second of CPU used by the working threads (what one core would do, whatever else runs on
 * the machine). Prints its figures and their ratios; see BENCHMARKS.md for the command.
 *
 * <pre>java -cp ... fr.jalon.certificate.CertificateBenchmark [certificates per run] [runs]</pre>
 */
public final class CertificateBenchmark {

	private CertificateBenchmark() {
	}

	/** One way of making a certificate's bytes, for the certificate numbered {@code i}. */
	interface Work {

		int make(int i) throws Exception;

	}

	public static void main(String[] args) throws Exception {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int threads = Runtime.getRuntime().availableProcessors();
		SigningKey key = SigningKey.generate();
		CertificateRenderer renderer = new CertificateRenderer();
		CertificateSigner signer = new CertificateSigner(key);
		System.out.printf("Jalon certificate benchmark: %d certificates per run, %d runs, %d cores, Java %s%n", count,
				runs, threads, System.getProperty("java.version"));

		int size = CertificatePdfTests.signed(renderer, signer, content(0)).length;
		ThreadLocal<Signature> rsa = ThreadLocal.withInitial(() -> {
			try {
				Signature signature = Signature.getInstance("SHA256withRSA");
				signature.initSign(key.privateKey());
				return signature;
			}
			catch (java.security.GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		});
		byte[] bytes = new byte[size];
		Work signatureAlone = i -> {
			Signature signature = rsa.get();
			bytes[0] = (byte) i;
			signature.update(bytes);
			return signature.sign().length;
		};
		Work renderOnly = i -> renderer.render(content(i)).length;
		CertificateRenderer shapingEveryLine = new CertificateRenderer(true);
		Work renderShapingEveryLine = i -> shapingEveryLine.render(content(i)).length;
		int fewer = Math.max(20, count / 5);
		Work renderAndSign = i -> CertificatePdfTests.signed(renderer, signer, content(i)).length;

		for (int warm = 0; warm < 2; warm++) { // JIT, font and class loading
			measure(signatureAlone, count, 1);
			measure(renderOnly, count, 1);
			measure(renderShapingEveryLine, fewer, 1);
			measure(renderAndSign, count, threads);
		}
		List<Rate> alone = new ArrayList<>();
		List<Rate> unsigned = new ArrayList<>();
		List<Rate> shaped = new ArrayList<>();
		List<Rate> single = new ArrayList<>();
		List<Rate> parallel = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			alone.add(measure(signatureAlone, count, 1));
			unsigned.add(measure(renderOnly, count, 1));
			shaped.add(measure(renderShapingEveryLine, fewer, 1));
			single.add(measure(renderAndSign, count, 1));
			parallel.add(measure(renderAndSign, count, threads));
			System.out.printf("run %d: RSA signature alone %s; render only %s (%s with PDFBox shaping every line); "
					+ "render and sign %s on 1 thread, %s on %d threads%n", run, alone.get(run - 1),
					unsigned.get(run - 1), shaped.get(run - 1), single.get(run - 1), parallel.get(run - 1), threads);
		}
		Rate a = Rate.median(alone);
		Rate r = Rate.median(unsigned);
		Rate g = Rate.median(shaped);
		Rate s = Rate.median(single);
		Rate p = Rate.median(parallel);
		System.out.printf("medians (elapsed, and per second of CPU):%n");
		System.out.printf("  RSA signature alone, 1 thread: %s, %.2f ms of CPU each%n", a, 1000 / a.perCpuSecond());
		System.out.printf("  render only, 1 thread:         %s, %.2f ms of CPU each%n", r, 1000 / r.perCpuSecond());
		System.out.printf("  render only, PDFBox shaping every line (%d per run), 1 thread: %s, %.2f ms of CPU each%n",
				fewer, g, 1000 / g.perCpuSecond());
		System.out.printf("  render and sign, 1 thread:     %s, %.2f ms of CPU each%n", s, 1000 / s.perCpuSecond());
		System.out.printf("  render and sign, %d threads:    %s%n", threads, p);
		System.out.printf("ratios per second of CPU: render and sign / RSA signature alone %.2f, "
				+ "render and sign / render only %.2f, render only / render shaping every line %.1f; "
				+ "elapsed: %d threads / 1 thread %.2f%n", s.perCpuSecond() / a.perCpuSecond(),
				s.perCpuSecond() / r.perCpuSecond(), r.perCpuSecond() / g.perCpuSecond(), threads,
				p.perSecond() / s.perSecond());
		System.out.printf("signed PDF: %d bytes%n", size);
	}

	/** Certificates per second elapsed, and per second of CPU that the working threads used. */
	record Rate(double perSecond, double perCpuSecond) {

		@Override
		public String toString() {
			return String.format("%.1f/s (%.1f per CPU second)", perSecond, perCpuSecond);
		}

		static Rate median(List<Rate> rates) {
			return new Rate(CertificateBenchmark.median(rates.stream().map(Rate::perSecond).toList()),
					CertificateBenchmark.median(rates.stream().map(Rate::perCpuSecond).toList()));
		}

	}

	/** Does {@code work} for {@code count} different certificates on {@code threads} threads. */
	static Rate measure(Work work, int count, int threads) throws Exception {
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<Long>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(pool.submit(() -> {
					long cpuStart = cpu.getCurrentThreadCpuTime();
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						work.make(i);
					}
					return cpu.getCurrentThreadCpuTime() - cpuStart;
				}));
			}
			long cpuNanos = 0;
			for (Future<Long> each : done) {
				cpuNanos += each.get();
			}
			return new Rate(count / ((System.nanoTime() - start) / 1e9), count / (cpuNanos / 1e9));
		}
		finally {
			pool.shutdown();
		}
	}

	static CertificateContent content(int i) {
		String code = "JAL-" + String.format("%04d", i % 10000) + "-BENC-H000";
		return new CertificateContent(code, i % 2 == 0 ? "Certificat de label" : "Certificat d’engagement",
				"EcoQuartier", "Label national EcoQuartier attribué", "Saint-Rémy-de-Provence",
				"Écoquartier du Cœur de ville — l’îlot n° " + i, "Commission nationale EcoQuartier",
				Instant.parse("2025-06-12T14:30:00Z"), 1, Instant.parse("2025-06-12T14:31:05Z").plusSeconds(i),
				"https://jalon.example.fr/certificats/" + code, CertificatePdfTests.ISSUER, CertificatePdfTests.SIGNATORY,
				"Paris");
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
