package dev.footfall.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.micrometer.FootfallMetrics;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

final class FootfallActuatorTest {
  @TempDir
  Path dir;

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(FootfallAutoConfigurationTest.FOOTFALL)
        .withPropertyValues("footfall.storage.h2-directory=" + dir,
            "footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example");
  }

  @Test
  void metrics_boundToTheRegistryByBoot() {
    web().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasSingleBean(FootfallMetrics.class);
          new FilterCalls(context).pageview("shop.example", "203.0.113.9", Map.of());
          assertThat(FilterCalls.stored(context.getBean(Analytics.class), "shop")).hasSize(1);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("footfall.events.stored").functionCounter().count())
              .isEqualTo(1.0);
        });
  }

  @Test
  void metrics_userBinderWins() {
    web().withBean("ownMetrics", FootfallMetrics.class,
            () -> new FootfallMetrics(Analytics.builder().storage(InMemoryStorage.create())
                .build()))
        .run(context -> assertThat(context).hasSingleBean(FootfallMetrics.class)
            .hasBean("ownMetrics").doesNotHaveBean("footfallMetrics"));
  }

  @Test
  void metrics_noMicrometer() {
    web().withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("footfallMetrics"));
  }

  @Test
  void health_upWithDetails() {
    web().run(context -> {
      Health health = context.getBean("footfallHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("storage", "reachable")
          .containsEntry("writer", "running").doesNotContainKey("eventLog");
    });
  }

  @Test
  void health_downWhenStorageFails() {
    AtomicBoolean down = new AtomicBoolean();
    Storage failing = new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public SiteStore sites() {
        if (down.get()) {
          throw new IllegalStateException("database gone");
        }
        return super.sites();
      }
    };
    web().withBean(Storage.class, () -> failing).run(context -> {
      HealthIndicator indicator = context.getBean("footfallHealthIndicator",
          HealthIndicator.class);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      down.set(true);
      Health health = indicator.health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("storage", "unreachable")
          .containsKey("problem");
      down.set(false);
    });
  }

  @Test
  void health_disabledByProperty() {
    web().withPropertyValues("management.health.footfall.enabled=false")
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("footfallHealthIndicator"));
  }

  @Test
  void health_noActuator() {
    web().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("footfallHealthIndicator"));
  }

  @Test
  void metricsAndHealth_backOffWithoutAnalytics() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FootfallMetricsAutoConfiguration.class,
            FootfallHealthAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("footfallMetrics")
            .doesNotHaveBean("footfallHealthIndicator"));
  }
}
