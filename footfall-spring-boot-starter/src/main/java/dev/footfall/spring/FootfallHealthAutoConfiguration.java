package dev.footfall.spring;

import dev.footfall.Analytics;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code footfall} health contributor ({@link FootfallHealthIndicator}), when Spring Boot's
 * actuator is on the classpath and {@code management.health.footfall.enabled} is not false.
 *
 * @since 0.4
 */
@AutoConfiguration(after = FootfallAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
    "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(Analytics.class)
public class FootfallHealthAutoConfiguration {
  /** Creates the auto-configuration; Spring does. */
  public FootfallHealthAutoConfiguration() {}

  /**
   * Nested so that its condition, an actuator class, is only read once the actuator is known to
   * be on the classpath.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("footfall")
  static class HealthIndicatorConfiguration {
    /** The health indicator, named {@code footfall} after its bean name. */
    @Bean
    @ConditionalOnMissingBean(name = "footfallHealthIndicator")
    FootfallHealthIndicator footfallHealthIndicator(Analytics analytics) {
      return new FootfallHealthIndicator(analytics);
    }
  }
}
