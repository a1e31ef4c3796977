package fr.jalon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class JalonApplication {

	public static void main(String[] args) {
		SpringApplication.run(JalonApplication.class, args);
	}

}
