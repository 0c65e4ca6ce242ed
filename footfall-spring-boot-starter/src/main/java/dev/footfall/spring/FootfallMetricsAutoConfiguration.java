package dev.footfall.spring;

import dev.footfall.Analytics;
import dev.footfall.micrometer.FootfallMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Footfall's {@code footfall.*} meters: a {@link FootfallMetrics} bean, which Spring Boot binds to
 * every {@code MeterRegistry} as it does any {@code MeterBinder} bean. Only when Micrometer is on
 * the classpath (it comes with spring-boot-starter-actuator) and there is an {@link Analytics}.
 *
 * @since 0.4
 */
@AutoConfiguration(after = FootfallAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(Analytics.class)
public class FootfallMetricsAutoConfiguration {
  /** Creates the auto-configuration; Spring does. */
  public FootfallMetricsAutoConfiguration() {}

  /** The meter binder over the analytics bean. */
  @Bean
  @ConditionalOnMissingBean
  FootfallMetrics footfallMetrics(Analytics analytics) {
    return new FootfallMetrics(analytics);
  }
}
