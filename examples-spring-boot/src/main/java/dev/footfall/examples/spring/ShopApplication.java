package dev.footfall.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop that counts its own traffic. footfall-spring-boot-starter does the wiring: an {@code
 * Analytics} bean over embedded H2 (closed with the context, which stores every accepted event),
 * the filter serving {@code /analytics.js}, the tracking endpoints and the admin API, and the
 * {@code footfall} health and metrics; {@code application.properties} registers the site {@code
 * shop} and the admin key. {@link SignupController} tracks a server-side event.
 */
@SpringBootApplication
public class ShopApplication {
  static final String SITE_ID = "shop";

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
