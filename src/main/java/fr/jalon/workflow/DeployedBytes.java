package fr.jalon.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * Whether a file shipped in the jar is already deployed as it is: the SHA-256 of its bytes against that of the
 * resource held by the engine's last deployment of the same name and source (the deployment the engine's duplicate
 * filtering would compare it with). Start-up reads this to deploy, and check, only what changed.
 */
final class DeployedBytes {

	private DeployedBytes() {
	}

	/** Whether the last deployment of that name and source (null: none) holds that resource with those bytes. */
	static boolean sameAsLast(RepositoryService repository, String name, String source, String resource, byte[] bytes) {
		Deployment last = repository.createDeploymentQuery()
			.deploymentName(name)
			.deploymentSource(source)
			.orderByDeploymentTime()
			.desc()
			.listPage(0, 1)
			.stream()
			.findFirst()
			.orElse(null);
		if (last == null || !repository.getDeploymentResourceNames(last.getId()).contains(resource)) {
			return false;
		}
		try (InputStream deployed = repository.getResourceAsStream(last.getId(), resource)) {
			return MessageDigest.isEqual(sha256(deployed.readAllBytes()), sha256(bytes));
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read " + resource + " of deployment " + last.getId(), e);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java platform has SHA-256", e);
		}
	}

}
