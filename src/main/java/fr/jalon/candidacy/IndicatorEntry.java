package fr.jalon.candidacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An indicator of the dossier: the target the collectivité sets itself, and the value it measures. */
@Entity
@Table(name = "indicator_entry")
class IndicatorEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String indicator;

	private Double target;

	@Column(name = "measured")
	private Double value;

	protected IndicatorEntry() {
	}

	IndicatorEntry(String indicator) {
		this.indicator = indicator;
	}

	String indicator() {
		return indicator;
	}

	Double target() {
		return target;
	}

	Double value() {
		return value;
	}

	void setTarget(Double target) {
		this.target = target;
	}

	void setValue(Double value) {
		this.value = value;
	}

}
