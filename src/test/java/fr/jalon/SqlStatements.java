package fr.jalon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements that the application executes on the calling thread, whoever sends them: Hibernate,
 * Spring's JDBC or the Camunda engine, since all of them take their connections from the one {@link DataSource}.
 * A test imports {@link Counting} (it wraps the application's data source) and calls {@link #during}; a request
 * made through MockMvc runs on the test's thread, so it is counted from the security filters to the answer.
 */
public final class SqlStatements {

	private static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

	private SqlStatements() {
	}

	/** What the work executed on this thread, one entry per execution, with its SQL where the driver was given it. */
	public static Recorded during(Callable<?> work) throws Exception {
		List<String> recorded = new ArrayList<>();
		List<String> outer = RECORDED.get();
		RECORDED.set(recorded);
		try {
			work.call();
		}
		finally {
			RECORDED.set(outer);
		}
		return new Recorded(List.copyOf(recorded));
	}

	/** The executions of one piece of work, in order. */
	public record Recorded(List<String> statements) {

		public int count() {
			return statements.size();
		}

		@Override
		public String toString() {
			return count() + " statements:\n  " + String.join("\n  ", statements);
		}

	}

	/** Wraps the application's data source so that every execution on a recording thread is counted. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Counting {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())
							? proxy(DataSource.class, dataSource, null) : bean;
				}
			};
		}

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, String sql) {
		InvocationHandler handler = (proxy, method, args) -> {
			String name = method.getName();
			if (name.startsWith("execute")) {
				List<String> recorded = RECORDED.get();
				if (recorded != null) {
					String text = sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : name;
					recorded.add(text.replaceAll("\\s+", " ").strip());
				}
			}
			Object result = invoke(method, target, args);
			return wrap(method, result, args);
		};
		return (T) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** Connections and statements come back wrapped, so that what they execute is seen. */
	private static Object wrap(Method method, Object result, Object[] args) {
		String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
		if (result instanceof CallableStatement statement && method.getReturnType() == CallableStatement.class) {
			return proxy(CallableStatement.class, statement, sql);
		}
		if (result instanceof PreparedStatement statement && method.getReturnType() == PreparedStatement.class) {
			return proxy(PreparedStatement.class, statement, sql);
		}
		if (result instanceof Statement statement && method.getReturnType() == Statement.class) {
			return proxy(Statement.class, statement, null);
		}
		if (result instanceof Connection connection && method.getReturnType() == Connection.class) {
			return proxy(Connection.class, connection, null);
		}
		return result;
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

}
