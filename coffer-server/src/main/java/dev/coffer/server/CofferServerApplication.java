package dev.coffer.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Coffer server: Customer Control Panel, Management Console, REST API and agent protocol. */
@SpringBootApplication
public class CofferServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CofferServerApplication.class, args);
    }
}
