package dev.footfall.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.footfall.Analytics;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.ScheduledTask;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.kafka.KafkaEventLog;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.Authenticator;
import dev.footfall.servlet.HttpSettings;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.GeoLocator;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

final class FootfallAutoConfigurationTest {
  static final AutoConfigurations FOOTFALL = AutoConfigurations.of(
      FootfallClusterAutoConfiguration.class, FootfallAutoConfiguration.class,
      FootfallMetricsAutoConfiguration.class, FootfallHealthAutoConfiguration.class);

  @TempDir
  Path dir;

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner().withConfiguration(FOOTFALL)
        .withPropertyValues("footfall.storage.h2-directory=" + dir);
  }

  @Test
  void defaults_h2InTheDirectoryFilterMountedAdminClosed() {
    web().withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Analytics.class)
              .hasSingleBean(HttpSettings.class).doesNotHaveBean(Authenticator.class)
              .doesNotHaveBean(EventLog.class);
          Analytics analytics = context.getBean(Analytics.class);
          assertThat(analytics.storage()).isInstanceOf(JdbiStorage.class);
          assertThat(dir.resolve("footfall.mv.db")).exists();
          FilterRegistrationBean<?> registration =
              context.getBean("footfallFilter", FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isInstanceOf(AnalyticsFilter.class);
          assertThat(registration.getUrlPatterns()).containsExactly("/*");

          FilterCalls calls = new FilterCalls(context);
          assertThat(calls.admin("shop", Map.of()).getStatus()).isEqualTo(403);
          assertThat(calls.admin("shop", Map.of("Authorization", "Bearer 0123456789abcdef"))
              .getStatus()).isEqualTo(403);
          assertThat(calls.pageview("shop.example", "203.0.113.9", Map.of()).getStatus())
              .isEqualTo(202);
          assertThat(FilterCalls.stored(analytics, "shop")).singleElement()
              .satisfies(e -> assertThat(e.pathname()).isEqualTo("/pricing"));
        });
  }

  @Test
  void close_storesEverythingAccepted() {
    Analytics[] seen = new Analytics[1];
    web().withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          seen[0] = context.getBean(Analytics.class);
          FilterCalls calls = new FilterCalls(context);
          for (int i = 0; i < 20; i++) {
            assertThat(calls.pageview("shop.example", "203.0.113." + i, Map.of()).getStatus())
                .isEqualTo(202);
          }
        });
    assertThat(seen[0].stats().accepted()).isEqualTo(20);
    try (Analytics reopened = Analytics.builder()
        .storage(JdbiStorage.h2(dir.resolve("footfall"))).build()) {
      assertThat(FilterCalls.stored(reopened, "shop")).hasSize(20);
    }
  }

  @Test
  void dataSource_isUsedAndLeftOpen() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      new ApplicationContextRunner().withConfiguration(FOOTFALL)
          // The application's DataSource bean, which its context would close itself.
          .withBean(DataSource.class, () -> dataSource, bean -> bean.setDestroyMethodName(""))
          .withPropertyValues("footfall.storage.h2-directory=" + dir,
              "footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Analytics.class));
      assertThat(dataSource.isClosed()).isFalse();
      assertThat(siteName(dataSource, "shop")).isEqualTo("shop");
      assertThat(dir.resolve("footfall.mv.db")).doesNotExist();
    }
  }

  @Test
  void storageTypeH2_ignoresTheDataSource() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      new ApplicationContextRunner().withConfiguration(FOOTFALL)
          .withBean(DataSource.class, () -> dataSource)
          .withPropertyValues("footfall.storage.type=h2", "footfall.storage.h2-directory=" + dir)
          .run(context -> assertThat(context).hasNotFailed());
      assertThat(dir.resolve("footfall.mv.db")).exists();
    }
  }

  @Test
  void storageTypeDatasource_withoutOne() {
    web().withPropertyValues("footfall.storage.type=datasource").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("footfall.storage.type is datasource"));
  }

  @Test
  void storageTypeDuckdb_opensTheFile() {
    Path file = dir.resolve("sub").resolve("stats.duckdb");
    web().withPropertyValues("footfall.storage.type=duckdb", "footfall.storage.duckdb-file=" + file)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(Analytics.class).storage())
              .isInstanceOf(DuckDbStorage.class);
          assertThat(file).exists();
        });
  }

  @Test
  void sites_missingCreatedExistingLeftAsEdited() {
    try (Analytics before = Analytics.builder()
        .storage(JdbiStorage.h2(dir.resolve("footfall"))).build()) {
      before.sites().save(Site.of("blog", "blog.example", ZoneId.of("UTC"), "Edited by the admin",
          Instant.now()));
    }
    web().withPropertyValues(
        "footfall.sites[0].id=blog", "footfall.sites[0].domain=blog.example",
        "footfall.sites[0].name=From properties",
        "footfall.sites[1].id=shop", "footfall.sites[1].domain=shop.example",
        "footfall.sites[1].timezone=Europe/Berlin", "footfall.sites[1].name=Shop")
        .run(context -> {
          Analytics analytics = context.getBean(Analytics.class);
          assertThat(analytics.sites().find("blog")).get()
              .satisfies(s -> assertThat(s.name()).isEqualTo("Edited by the admin"));
          assertThat(analytics.sites().find("shop")).get().satisfies(s -> {
            assertThat(s.name()).isEqualTo("Shop");
            assertThat(s.domain()).isEqualTo("shop.example");
            assertThat(s.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
          });
        });
  }

  @Test
  void userAnalytics_backsOffStorageAndAnalytics() {
    try (Analytics own = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      web().withBean(Analytics.class, () -> own).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(Analytics.class)
            .doesNotHaveBean(Storage.class).hasBean("footfallFilter");
        assertThat(context.getBean(Analytics.class)).isSameAs(own);
        assertThat(dir.resolve("footfall.mv.db")).doesNotExist();
      });
    }
  }

  @Test
  void userStorage_isUsed() {
    Storage own = InMemoryStorage.create();
    web().withBean(Storage.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Storage.class);
      assertThat(context.getBean(Analytics.class).storage()).isSameAs(own);
      assertThat(dir.resolve("footfall.mv.db")).doesNotExist();
    });
  }

  @Test
  void userGeoLocator_isUsed() {
    web().withBean(GeoLocator.class, () -> address -> "FR")
        .withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          // A public address: reserved ones (such as 203.0.113.0/24) are never looked up.
          new FilterCalls(context).pageview("shop.example", "8.8.8.8", Map.of());
          assertThat(FilterCalls.stored(context.getBean(Analytics.class), "shop")).singleElement()
              .satisfies(e -> assertThat(e.country()).isEqualTo("FR"));
        });
  }

  @Test
  void userScheduledTask_joinsTheScheduler() {
    ScheduledTask task = ScheduledTask.of("email-reports", Duration.ofDays(1),
        running -> "sent 0 reports, 0 failed");
    web().withBean(ScheduledTask.class, () -> task).run(context -> {
      Analytics analytics = context.getBean(Analytics.class);
      assertThat(analytics.jobs().tasks()).containsExactly("email-reports");
      assertThat(analytics.jobs().runTask("email-reports").summary())
          .isEqualTo("sent 0 reports, 0 failed");
    });
  }

  @Test
  void userErrorListener_hearsBackgroundFailures() {
    CountDownLatch heard = new CountDownLatch(1);
    ErrorListener listener = (operation, error) -> heard.countDown();
    Storage failing = new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public void write(List<Event> events, Collection<Session> sessions) {
        throw new IllegalStateException("disk full");
      }

      @Override
      public void write(List<Event> events, Collection<Session> sessions,
          Collection<LogPosition> positions) {
        throw new IllegalStateException("disk full");
      }
    };
    web().withBean(ErrorListener.class, () -> listener).withBean(Storage.class, () -> failing)
        .withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example",
            "footfall.shutdown-timeout=1s")
        .run(context -> {
          new FilterCalls(context).pageview("shop.example", "203.0.113.9", Map.of());
          assertThat(heard.await(2, TimeUnit.MINUTES)).isTrue();
        });
  }

  @Test
  void userAuthenticator_opensTheAdminApi() {
    Authenticator own = exchange -> "yes".equals(exchange.requestHeader("X-Admin"));
    web().withBean(Authenticator.class, () -> own)
        .withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          assertThat(context.getBean(Authenticator.class)).isSameAs(own);
          FilterCalls calls = new FilterCalls(context);
          assertThat(calls.admin("shop", Map.of("X-Admin", "yes")).getStatus()).isEqualTo(200);
          assertThat(calls.admin("shop", Map.of()).getStatus()).isEqualTo(401);
        });
  }

  @Test
  void userAuthenticator_winsOverTheApiKey() {
    Authenticator own = exchange -> "yes".equals(exchange.requestHeader("X-Admin"));
    web().withBean(Authenticator.class, () -> own)
        .withPropertyValues("footfall.admin.api-key=0123456789abcdef",
            "footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          assertThat(context).hasSingleBean(Authenticator.class);
          assertThat(new FilterCalls(context).admin("shop",
              Map.of("Authorization", "Bearer 0123456789abcdef")).getStatus()).isEqualTo(401);
        });
  }

  @Test
  void userHttpSettings_isUsed() {
    HttpSettings own = HttpSettings.builder().adminApiKey("own-key-0123456789").build();
    web().withBean(HttpSettings.class, () -> own)
        .withPropertyValues("footfall.admin.api-key=0123456789abcdef",
            "footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> {
          assertThat(context.getBean(HttpSettings.class)).isSameAs(own);
          FilterCalls calls = new FilterCalls(context);
          assertThat(calls.admin("shop", Map.of("Authorization", "Bearer own-key-0123456789"))
              .getStatus()).isEqualTo(200);
          assertThat(calls.admin("shop", Map.of("Authorization", "Bearer 0123456789abcdef"))
              .getStatus()).isEqualTo(401);
        });
  }

  @Test
  void userFilter_backsOffTheRegistration() {
    web().withUserConfiguration(OwnFilter.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("footfallFilter"));
  }

  @Test
  void nonWebApplication_noFilter() {
    new ApplicationContextRunner().withConfiguration(FOOTFALL)
        .withPropertyValues("footfall.storage.h2-directory=" + dir)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Analytics.class)
            .doesNotHaveBean("footfallFilter"));
  }

  @Test
  void optionalModulesAbsent_contextStarts() {
    web().withClassLoader(new FilteredClassLoader("dev.footfall.kafka", "dev.footfall.duckdb",
            "io.micrometer", "org.springframework.boot.actuate"))
        .withPropertyValues("footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Analytics.class)
            .doesNotHaveBean(EventLog.class).doesNotHaveBean("footfallMetrics")
            .doesNotHaveBean("footfallHealthIndicator"));
  }

  @Test
  void clusterWithoutKafka_failsNamingTheProperty() {
    web().withClassLoader(new FilteredClassLoader("dev.footfall.kafka"))
        .withPropertyValues("footfall.cluster.bootstrap-servers=127.0.0.1:9")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("footfall.cluster.bootstrap-servers is set but"
                + " analytics-kafka"));
  }

  @Test
  void duckdbWithoutTheModule_failsNamingTheProperty() {
    web().withClassLoader(new FilteredClassLoader("dev.footfall.duckdb"))
        .withPropertyValues("footfall.storage.type=duckdb")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("footfall.storage.type is duckdb but analytics-duckdb"));
  }

  @Test
  void cluster_buildsTheKafkaLogForAnalytics() {
    // Nothing listens on port 9: the log reports the outage to the error listener and goes on.
    web().withPropertyValues("footfall.cluster.bootstrap-servers=127.0.0.1:9",
            "footfall.cluster.topic=shop-events", "footfall.cluster.partitions=3",
            "footfall.cluster.group-id=shop", "footfall.cluster.consume=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          EventLog log = context.getBean(EventLog.class);
          assertThat(log).isInstanceOf(KafkaEventLog.class);
          assertThat(log.name()).isEqualTo("kafka:shop-events");
          assertThat(log.partitionOf("shop", 42)).isBetween(0, 2);
          assertThat(context.getBean(Analytics.class).stats().eventLog()).isPresent();
        });
  }

  @Test
  void cluster_badPartitionsFailNamingTheProperty() {
    web().withPropertyValues("footfall.cluster.bootstrap-servers=127.0.0.1:9",
            "footfall.cluster.partitions=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("footfall.cluster.partitions: partitions must be 1 to"));
  }

  private static String siteName(DataSource dataSource, String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("select name from site where id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFilter {
    @Bean
    FilterRegistrationBean<AnalyticsFilter> myFilter() {
      return new FilterRegistrationBean<>(new AnalyticsFilter());
    }
  }
}
