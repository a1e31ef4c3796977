package fr.jalon.metrics;

import java.util.List;

import fr.jalon.candidacy.CandidacyCounts;
import fr.jalon.certificate.CertificateCounts;
import fr.jalon.system.Tally;
import fr.jalon.workflow.EngineFigures;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Jalon's business gauges at {@code /actuator/prometheus}, read from the database when Prometheus scrapes: a
 * collector of the registry Micrometer's Prometheus registry writes into, beside Micrometer's own meters (HTTP
 * latency, JVM, pools). Micrometer gauges hold a fixed set of label values, where these have one per programme,
 * stage and status in the database at that moment. Every node reports the same database-wide values. A few
 * grouped counts, no entity loaded; should the database not answer, the scrape goes on without them (logged).
 */
@Component
class BusinessMetrics implements MultiCollector, InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BusinessMetrics.class);

	private final EngineFigures engine;

	private final CandidacyCounts candidacies;

	private final CertificateCounts certificates;

	private final PrometheusRegistry registry;

	BusinessMetrics(EngineFigures engine, CandidacyCounts candidacies, CertificateCounts certificates,
			ObjectProvider<PrometheusRegistry> registry) {
		this.engine = engine;
		this.candidacies = candidacies;
		this.certificates = certificates;
		this.registry = registry.getIfAvailable();
	}

	@Override
	public void afterPropertiesSet() {
		if (registry != null) {
			registry.register(this);
		}
	}

	@Override
	public void destroy() {
		if (registry != null) {
			registry.unregister(this);
		}
	}

	@Override
	public MetricSnapshots collect() {
		try {
			List<Tally> openTasks = engine.openTasks();
			// A series for each programme with open tasks, 0 when none is late, and each incident type, 0 when none is
			// open: an alert on a rise or a count then has a series to read.
			List<Tally> overdue = withZeros(engine.overdueTasks(),
					openTasks.stream().map(tally -> tally.keys().get(0)).distinct().toList());
			List<Tally> incidents = withZeros(engine.openIncidents(), EngineFigures.INCIDENT_TYPES);
			return MetricSnapshots.of(
					gauge("jalon_tasks_open", "Open user tasks, by programme and by the stage their candidacy is in.",
							openTasks, "programme", "stage"),
					gauge("jalon_tasks_overdue", "Open user tasks whose due date is past, by programme.",
							overdue, "programme"),
					gauge("jalon_incidents_open",
							"Open workflow engine incidents (failedJob: a job whose retries are spent), by type.",
							incidents, "type"),
					gauge("jalon_jobs_due",
							"Engine jobs due now (no due date or a past one), with retries left, not suspended, "
									+ "that no executor holds.",
							List.of(new Tally(List.of(), engine.dueJobs()))),
					gauge("jalon_certificates_issued",
							"Certificates issued, revoked ones included, by programme and kind (read from the database).",
							certificates.byProgrammeAndKind(), "programme", "kind"),
					gauge("jalon_candidacies", "Candidacies, by programme and status.", candidacies.byProgrammeAndStatus(),
							"programme", "status"));
		}
		catch (DataAccessException e) {
			log.warn("Business metrics left out of this scrape: the database did not answer ({})", e.getMessage());
			return MetricSnapshots.of();
		}
	}

	/** The counts found, and a 0 for each of those keys that has none. */
	private static List<Tally> withZeros(List<Tally> found, List<String> keys) {
		List<Tally> all = new java.util.ArrayList<>(found);
		keys.stream()
			.filter(key -> found.stream().noneMatch(tally -> tally.keys().get(0).equals(key)))
			.forEach(key -> all.add(new Tally(List.of(key), 0)));
		return all;
	}

	private static GaugeSnapshot gauge(String name, String help, List<Tally> rows, String... labels) {
		GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
		for (Tally row : rows) {
			Labels.Builder named = Labels.builder();
			for (int i = 0; i < labels.length; i++) {
				named.label(labels[i], row.keys().get(i));
			}
			gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(named.build()).value(row.count()).build());
		}
		return gauge.build();
	}

}
