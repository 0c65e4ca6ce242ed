package dev.footfall.spring;

import dev.footfall.Analytics;
import dev.footfall.ErrorListener;
import dev.footfall.ScheduledTask;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.GeoLocator;
import dev.footfall.spi.Storage;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.Authenticator;
import dev.footfall.servlet.HttpSettings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.ConditionalOnMissingFilterBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Footfall's core beans: the {@link Storage} (the application's {@link DataSource}, embedded H2 or
 * DuckDB, after {@code footfall.storage.*}), the {@link Analytics} over it with the sites of
 * {@code footfall.sites} registered, the {@link HttpSettings} and, in a servlet web application,
 * {@link AnalyticsFilter} mounted at {@code /*}. Each backs off when the application defines a
 * bean of that type; a {@link GeoLocator}, {@link ErrorListener}, {@link EventLog} or {@link
 * Authenticator} bean of the application is used, and every {@link ScheduledTask} bean (such as
 * {@code analytics-email}'s {@code EmailReportSender}) is added to the job scheduler.
 *
 * <p>Lifecycle: the context closes the {@code Analytics} bean, which stores every accepted event
 * and then closes the storage (an application {@code DataSource} is left open). Singletons are
 * destroyed after the web server has stopped, so no request is accepted after that.
 *
 * @since 0.4
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "dev.footfall.spring.FootfallClusterAutoConfiguration"})
@EnableConfigurationProperties(FootfallProperties.class)
public class FootfallAutoConfiguration {
  static final String DUCKDB_CLASS = "dev.footfall.duckdb.DuckDbStorage";
  static final String KAFKA_CLASS = "dev.footfall.kafka.KafkaEventLog";

  /** Creates the auto-configuration; Spring does. */
  public FootfallAutoConfiguration() {}

  /**
   * The storage after {@code footfall.storage.type}; not closed by the context itself, since the
   * {@link Analytics} bean closes it.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean({Storage.class, Analytics.class})
  Storage footfallStorage(FootfallProperties properties, ObjectProvider<DataSource> dataSources,
      ApplicationContext context) {
    FootfallProperties.Storage settings = properties.getStorage();
    switch (settings.getType()) {
      case DATASOURCE: {
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
          throw new IllegalStateException("footfall.storage.type is datasource but the"
              + " application has no single DataSource bean");
        }
        return JdbiStorage.create(dataSource);
      }
      case H2:
        return h2(settings);
      case DUCKDB:
        if (!ClassUtils.isPresent(DUCKDB_CLASS, context.getClassLoader())) {
          throw new IllegalStateException("footfall.storage.type is duckdb but analytics-duckdb"
              + " (" + DUCKDB_CLASS + ") is not on the classpath");
        }
        return DuckDbFiles.open(settings.getDuckdbFile());
      case AUTO:
      default: {
        DataSource dataSource = dataSources.getIfUnique();
        return dataSource != null ? JdbiStorage.create(dataSource) : h2(settings);
      }
    }
  }

  private static Storage h2(FootfallProperties.Storage settings) {
    return JdbiStorage.h2(settings.getH2Directory().resolve("footfall"));
  }

  /**
   * The analytics, built from {@code footfall.*} over the storage bean, with the sites of
   * {@code footfall.sites} that storage lacks registered.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Analytics footfallAnalytics(FootfallProperties properties, Storage storage,
      ObjectProvider<GeoLocator> geoLocator, ObjectProvider<ErrorListener> errorListener,
      ObjectProvider<EventLog> eventLog, ObjectProvider<ScheduledTask> tasks,
      ApplicationContext context) {
    Analytics analytics;
    List<Site> sites;
    try {
      if (properties.getCluster().getBootstrapServers() != null
          && !ClassUtils.isPresent(KAFKA_CLASS, context.getClassLoader())) {
        throw new IllegalStateException("footfall.cluster.bootstrap-servers is set but"
            + " analytics-kafka (" + KAFKA_CLASS + ") is not on the classpath");
      }
      sites = sites(properties.getSites(), Instant.now());
      Analytics.Builder builder = Analytics.builder().storage(storage)
          .sessionTimeout(properties.getSessionTimeout())
          .shutdownTimeout(properties.getShutdownTimeout());
      if (properties.getRetention() != null) {
        builder.retention(properties.getRetention());
      }
      properties.jobIntervalsByJob().forEach(builder::jobInterval);
      Integer capacity = properties.getBufferCapacity();
      if (capacity != null) {
        builder.bufferCapacity(capacity).batchSize(Math.min(capacity, 1_000));
      }
      geoLocator.ifUnique(builder::geoLocator);
      errorListener.ifUnique(builder::errorListener);
      eventLog.ifUnique(builder::eventLog);
      tasks.orderedStream().forEach(builder::task);
      try {
        analytics = builder.build();
      } catch (IllegalStateException e) {
        throw new IllegalStateException("footfall.* " + e.getMessage(), e);
      }
    } catch (RuntimeException e) {
      // The storage bean is closed by Analytics only; when there is none, close ours here.
      if (context.containsBeanDefinition("footfallStorage")) {
        try {
          storage.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    try {
      // Missing sites are created; existing ones are left as the admin may have edited them.
      for (Site site : sites) {
        if (analytics.sites().find(site.id()).isEmpty()) {
          analytics.sites().save(site);
        }
      }
    } catch (RuntimeException e) {
      analytics.close();
      throw e;
    }
    return analytics;
  }

  /** Checks the configured sites before anything is opened. */
  private static List<Site> sites(List<FootfallProperties.Site> sites, Instant now) {
    List<Site> checked = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      FootfallProperties.Site site = sites.get(i);
      String property = "footfall.sites[" + i + "]";
      if (site.getId() == null || site.getId().isBlank()) {
        throw new IllegalArgumentException(property + ".id must be set");
      }
      if (site.getDomain() == null || site.getDomain().isBlank()) {
        throw new IllegalArgumentException(property + ".domain must be set");
      }
      ZoneId timezone;
      try {
        timezone = ZoneId.of(site.getTimezone());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(property + ".timezone must be a known IANA zone id"
            + " but was '" + site.getTimezone() + "'", e);
      }
      try {
        checked.add(Site.of(site.getId(), site.getDomain(), timezone,
            site.getName() == null ? site.getId() : site.getName(), now));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
      }
    }
    return checked;
  }

  /** The admin API's key authenticator, when {@code footfall.admin.api-key} is set. */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(AdminApiKeyCondition.class)
  Authenticator footfallAuthenticator(FootfallProperties properties) {
    return Authenticator.bearerKey(properties.getAdmin().getApiKey());
  }

  /** The HTTP settings from {@code footfall.http.*}, with the authenticator bean if there is one. */
  @Bean
  @ConditionalOnMissingBean
  HttpSettings footfallHttpSettings(FootfallProperties properties,
      ObjectProvider<Authenticator> authenticator) {
    FootfallProperties.Http http = properties.getHttp();
    HttpSettings.Builder builder = HttpSettings.builder()
        .trustedProxies(http.getTrustedProxies())
        .maxBodyBytes((int) http.getMaxBodySize().toBytes())
        .honourDoNotTrack(http.isHonourDoNotTrack());
    if (http.getClientIpHeader() != null && !http.getClientIpHeader().isBlank()) {
      builder.clientIpHeader(http.getClientIpHeader());
    }
    if (!http.getCountryHeaders().isEmpty()) {
      builder.countryHeader(http.getCountryHeaders().toArray(String[]::new));
    }
    FootfallProperties.RateLimit rateLimit = http.getRateLimit();
    if (rateLimit.isEnabled()) {
      builder.rateLimit(rateLimit.getRequests(), rateLimit.getPeriod());
    } else {
      builder.noRateLimit();
    }
    FootfallProperties.ServerSidePageviews pageviews = http.getServerSidePageviews();
    if (pageviews.getSite() != null && !pageviews.getSite().isBlank()) {
      builder.serverSidePageviews(pageviews.getSite())
          .includePaths(pageviews.getIncludePaths().toArray(String[]::new))
          .excludePaths(pageviews.getExcludePaths().toArray(String[]::new));
    }
    authenticator.ifUnique(builder::authenticator);
    return builder.build();
  }

  /** Mounts {@link AnalyticsFilter} at {@code /*} in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({jakarta.servlet.Filter.class, FilterRegistrationBean.class})
  static class FilterConfiguration {
    @Bean
    @ConditionalOnMissingFilterBean(AnalyticsFilter.class)
    FilterRegistrationBean<AnalyticsFilter> footfallFilter(Analytics analytics,
        HttpSettings settings) {
      FilterRegistrationBean<AnalyticsFilter> registration =
          new FilterRegistrationBean<>(new AnalyticsFilter(analytics, settings));
      registration.setName("footfall");
      registration.addUrlPatterns("/*");
      return registration;
    }
  }
}
