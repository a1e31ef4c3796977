package fr.jalon.workflow;

import fr.jalon.system.StartupLock;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Takes the start-up lock before the engine creates or upgrades its schema, the first start-up work that another
 * node may be doing at the same moment on the same database (the engine's own check-then-create has no lock).
 * The lock is held until the node is ready: the shipped programmes and the demo data come after, under it too.
 */
@Component
class StartupLockPlugin extends AbstractProcessEnginePlugin {

	private final StartupLock lock;

	StartupLockPlugin(StartupLock lock) {
		this.lock = lock;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		lock.acquire();
	}

}
