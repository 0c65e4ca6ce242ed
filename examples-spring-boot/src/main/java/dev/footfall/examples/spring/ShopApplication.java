package dev.footfall.examples.spring;

import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A shop that counts its own traffic: Footfall's {@link Analytics} is a bean (closed on shutdown,
 * which stores every accepted event), its filter serves {@code /analytics.js} and the tracking
 * endpoints, and {@link SignupController} tracks a server-side event.
 */
@SpringBootApplication
public class ShopApplication {
  static final String SITE_ID = "shop";

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  /** Footfall over embedded H2 (a file path) or any JDBC URL, from {@code footfall.db}. */
  @Bean(destroyMethod = "close")
  Analytics analytics(@Value("${footfall.db:footfall-shop/footfall}") String db) {
    Analytics analytics = Analytics.builder()
        .storage(db.startsWith("jdbc:") ? JdbiStorage.pooled(db, "", "") : JdbiStorage.h2(Path.of(db)))
        .build();
    if (analytics.sites().find(SITE_ID).isEmpty()) {
      analytics.sites().save(Site.of(SITE_ID, "shop.example", ZoneId.of("UTC"), "Shop",
          Instant.now()));
    }
    return analytics;
  }

  @Bean
  FilterRegistrationBean<AnalyticsFilter> footfallFilter(Analytics analytics) {
    FilterRegistrationBean<AnalyticsFilter> registration =
        new FilterRegistrationBean<>(new AnalyticsFilter(analytics, HttpSettings.defaults()));
    registration.addUrlPatterns("/*");
    return registration;
  }
}
