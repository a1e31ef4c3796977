package fr.jalon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each direct sub-package of {@code fr.jalon} is a module; only workflow and review know the engine. */
class ModularityTests {

	@Test
	void verifiesTheModules() {
		ApplicationModules.of(JalonApplication.class).verify();
	}

	@Test
	void keepsTheEngineOutOfTheDomain() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("fr.jalon");
		noClasses().that()
			.resideOutsideOfPackages("fr.jalon.workflow..", "fr.jalon.review..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.camunda..")
			.check(classes);
	}

}
