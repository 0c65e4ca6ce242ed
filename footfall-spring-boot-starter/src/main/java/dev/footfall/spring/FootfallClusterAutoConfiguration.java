package dev.footfall.spring;

import dev.footfall.kafka.KafkaEventLog;
import dev.footfall.spi.EventLog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Cluster mode: a {@link KafkaEventLog} from {@code footfall.cluster.*}, which {@link
 * FootfallAutoConfiguration} passes to {@code Analytics.Builder.eventLog}. Only when
 * analytics-kafka is on the classpath and {@code footfall.cluster.bootstrap-servers} is set. The
 * {@code Analytics} bean starts and closes the log, so the context does neither.
 *
 * @since 0.4
 */
@AutoConfiguration
@ConditionalOnClass(name = FootfallAutoConfiguration.KAFKA_CLASS)
@ConditionalOnProperty(prefix = "footfall.cluster", name = "bootstrap-servers")
@EnableConfigurationProperties(FootfallProperties.class)
public class FootfallClusterAutoConfiguration {
  /** Creates the auto-configuration; Spring does. */
  public FootfallClusterAutoConfiguration() {}

  /** The Kafka event log; the {@code Analytics} bean starts and closes it. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  EventLog footfallEventLog(FootfallProperties properties) {
    FootfallProperties.Cluster cluster = properties.getCluster();
    KafkaEventLog.Builder builder = KafkaEventLog.builder(cluster.getBootstrapServers());
    FootfallProperties.check("footfall.cluster.topic", () -> builder.topic(cluster.getTopic()));
    FootfallProperties.check("footfall.cluster.partitions", () -> builder.partitions(cluster.getPartitions()));
    FootfallProperties.check("footfall.cluster.group-id", () -> builder.groupId(cluster.getGroupId()));
    builder.consume(cluster.isConsume());
    return builder.build();
  }
}
