package fr.jalon;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the packaged jar on its embedded database: for each test, installed in an empty folder ({@link #emptyDir}),
 * killed after the test whatever happened, the tail of its log printed when the test fails.
 */
abstract class InstalledJar {

	@TempDir
	Path emptyDir;

	JalonProcess jalon;

	@RegisterExtension
	AfterTestExecutionCallback printLogOnFailure = context -> context.getExecutionException()
		.ifPresent(failure -> System.err.println("--- end of the Jalon log\n" + jalon.logTail(120)));

	@BeforeEach
	void install() throws IOException {
		jalon = new JalonProcess(Path.of(System.getProperty("jalon.jar")), emptyDir);
	}

	@AfterEach
	void stop() throws InterruptedException {
		jalon.stop();
	}

}
