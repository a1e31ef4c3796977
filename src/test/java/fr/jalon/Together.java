package fr.jalon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** How the tests race: calls released at the same instant by a barrier, each on a thread of its own. */
public final class Together {

	private Together() {
	}

	@SafeVarargs
	public static <T> List<T> run(Callable<T>... calls) throws Exception {
		return run(List.of(calls));
	}

	/** Runs the calls on as many threads, released at the same instant; their answers in the calls' order. */
	public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(calls.size());
		try {
			CyclicBarrier start = new CyclicBarrier(calls.size());
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> call : calls) {
				futures.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return call.call();
				}));
			}
			List<T> answers = new ArrayList<>();
			for (Future<T> future : futures) {
				answers.add(future.get(120, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
