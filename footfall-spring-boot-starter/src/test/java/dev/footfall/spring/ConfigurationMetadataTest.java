package dev.footfall.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConfigurationMetadataTest {
  @Test
  void metadata_listsEveryPropertyWithADescription() throws IOException {
    JsonNode metadata;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's output").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> properties = new HashMap<>();
    metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
    assertThat(properties).containsKeys("footfall.storage.type", "footfall.storage.h2-directory",
        "footfall.storage.duckdb-file", "footfall.sites", "footfall.admin.api-key",
        "footfall.http.trusted-proxies", "footfall.http.client-ip-header",
        "footfall.http.country-headers", "footfall.http.rate-limit.enabled",
        "footfall.http.rate-limit.requests", "footfall.http.rate-limit.period",
        "footfall.http.max-body-size", "footfall.http.honour-do-not-track",
        "footfall.http.server-side-pageviews.site",
        "footfall.http.server-side-pageviews.include-paths",
        "footfall.http.server-side-pageviews.exclude-paths", "footfall.retention",
        "footfall.session-timeout", "footfall.job-intervals", "footfall.buffer-capacity",
        "footfall.shutdown-timeout", "footfall.cluster.bootstrap-servers",
        "footfall.cluster.topic", "footfall.cluster.partitions", "footfall.cluster.group-id");
    assertThat(properties.values()).allSatisfy(p -> assertThat(p.path("description").asText())
        .as(p.get("name").asText()).isNotBlank());
    assertThat(properties.get("footfall.session-timeout").get("defaultValue").asText())
        .isEqualTo("30m");
    assertThat(properties.get("footfall.storage.type").get("defaultValue").asText())
        .isEqualTo("auto");
    assertThat(properties.get("footfall.http.rate-limit.requests").get("defaultValue").asInt())
        .isEqualTo(120);
    assertThat(properties.get("footfall.storage.duckdb-file").get("defaultValue").asText())
        .isEqualTo("footfall-data/footfall.duckdb");
    assertThat(metadata.get("hints").findValuesAsText("value"))
        .contains("finalize_sessions", "retention", "rollup", "rotate_salts");
  }
}
