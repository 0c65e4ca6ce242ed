package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.email.EmailReportSender;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code FOOTFALL_SMTP} turns the demo's email reports on. */
final class DemoEmailReportsTest {

  @Test
  void emailReports_offWithoutAnSmtpServer() {
    assertThat(Demo.emailReports(Map.of(), 8080)).isEmpty();
    assertThat(Demo.emailReports(Map.of("FOOTFALL_SMTP", " "), 8080)).isEmpty();
  }

  @Test
  void emailReports_onWithHostAndPort() {
    assertThat(Demo.emailReports(Map.of("FOOTFALL_SMTP", "localhost:2525"), 8080))
        .get().extracting(EmailReportSender::name).isEqualTo("email-reports");
  }

  @Test
  void emailReports_malformed() {
    for (String smtp : new String[] {"localhost", ":25", "localhost:smtp", "localhost:0"}) {
      assertThatThrownBy(() -> Demo.emailReports(Map.of("FOOTFALL_SMTP", smtp), 8080))
          .as(smtp).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("FOOTFALL_SMTP must be host:port but was '" + smtp + "'");
    }
    assertThatThrownBy(() -> Demo.emailReports(Map.of("FOOTFALL_SMTP", "localhost:25",
        "FOOTFALL_MAIL_FROM", "not an address"), 8080))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from must be");
  }
}
