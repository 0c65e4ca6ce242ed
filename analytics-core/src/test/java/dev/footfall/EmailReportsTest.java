package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.ForwardingStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscribing, listing, removing and unsubscribing email report recipients, and the ledger. */
final class EmailReportsTest {
  /** A Wednesday. */
  private static final Instant NOW = Instant.parse("2026-12-09T12:00:00.123456Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private Analytics analytics;
  private EmailReports reports;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create()).clock(new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    }).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "Shop",
        Instant.EPOCH));
    analytics.sites().save(Site.of("blog", "blog.example", ZoneOffset.UTC, "Blog", Instant.EPOCH));
    reports = analytics.emailReports();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  @Test
  void subscribe_normalisesTheAddress_andGivesAnUnguessableToken() {
    EmailRecipient ann = reports.subscribe("shop", "  Ann.Lee@Example.COM ", ReportCadence.WEEKLY);

    assertThat(ann.address()).isEqualTo("Ann.Lee@example.com");
    assertThat(ann.siteId()).isEqualTo("shop");
    assertThat(ann.cadence()).isEqualTo(ReportCadence.WEEKLY);
    assertThat(ann.createdAt()).isEqualTo(Instant.parse("2026-12-09T12:00:00.123Z"));
    assertThat(ann.unsubscribeToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(ann.toString()).doesNotContain("Ann", ann.unsubscribeToken());
    assertThat(reports.list("shop")).containsExactly(ann);
    assertThat(reports.list("blog")).isEmpty();
  }

  @Test
  void subscribe_twice_returnsTheFirstRecipient_butAnotherCadenceIsAnotherRecipient() {
    EmailRecipient weekly = reports.subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
    now.set(NOW.plusSeconds(1));

    assertThat(reports.subscribe("shop", "ann@EXAMPLE.com", ReportCadence.WEEKLY))
        .isEqualTo(weekly);
    EmailRecipient monthly = reports.subscribe("shop", "ann@example.com", ReportCadence.MONTHLY);
    assertThat(monthly.id()).isNotEqualTo(weekly.id());
    assertThat(reports.list("shop")).containsExactly(weekly, monthly);
  }

  @Test
  void subscribe_invalidAddress() {
    for (String bad : new String[] {"", "ann", "ann@", "@example.com", "ann@example",
        "ann lee@example.com", "ann@exa mple.com", "<ann@example.com>", "a@b@example.com",
        "ann@example.com, bob@example.com", "ann@-example.com", ".ann@example.com",
        "ann.@example.com", "ann..lee@example.com", "änn@example.com",
        "a".repeat(65) + "@example.com"}) {
      assertThatThrownBy(() -> reports.subscribe("shop", bad, ReportCadence.WEEKLY))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("address must be an email address such as ann@example.com");
    }
    assertThatThrownBy(() -> reports.subscribe("shop", "a".repeat(250) + "@x.io",
        ReportCadence.WEEKLY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address must be at most 254 characters but had 255");
    assertThatThrownBy(() -> reports.subscribe("shop", "ann@example.com", null))
        .isInstanceOf(NullPointerException.class).hasMessage("cadence");
  }

  @Test
  void subscribe_unknownSite() {
    assertThatThrownBy(() -> reports.subscribe("nope", "ann@example.com", ReportCadence.WEEKLY))
        .isInstanceOf(UnknownSiteException.class);
  }

  @Test
  void remove_onlyTheSitesOwnRecipient() {
    EmailRecipient ann = reports.subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);

    assertThat(reports.remove("blog", ann.id())).isFalse();
    assertThat(reports.remove("shop", ann.id())).isTrue();
    assertThat(reports.remove("shop", ann.id())).isFalse();
    assertThat(reports.list("shop")).isEmpty();
  }

  @Test
  void unsubscribe_removesTheRecipientOnce() {
    EmailRecipient ann = reports.subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
    EmailRecipient bob = reports.subscribe("shop", "bob@example.com", ReportCadence.WEEKLY);

    assertThat(reports.resolve(ann.unsubscribeToken())).contains(ann);
    assertThat(reports.unsubscribe(ann.unsubscribeToken())).contains(ann);
    assertThat(reports.unsubscribe(ann.unsubscribeToken())).isEmpty();
    assertThat(reports.resolve(ann.unsubscribeToken())).isEmpty();
    assertThat(reports.unsubscribe("")).isEmpty();
    assertThat(reports.unsubscribe("x".repeat(101))).isEmpty();
    assertThat(reports.list("shop")).containsExactly(bob);
  }

  @Test
  void claim_onceUntilReleased() {
    EmailRecipient ann = reports.subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
    LocalDate monday = LocalDate.parse("2026-11-30");

    assertThat(reports.claim(ann, monday)).isTrue();
    assertThat(reports.claim(ann, monday)).isFalse();
    assertThat(reports.claim(ann, monday.plusWeeks(1))).isTrue();
    reports.release(ann, monday);
    assertThat(reports.claim(ann, monday)).isTrue();
  }

  @Test
  void latestPeriod_isTheLastCompletedWeekOrMonth_inTheSitesTimezone() {
    assertThat(reports.latestPeriod("shop", ReportCadence.WEEKLY))
        .isEqualTo(new DateRange(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-06")));
    assertThat(reports.latestPeriod("shop", ReportCadence.MONTHLY))
        .isEqualTo(new DateRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
    // Sunday 23:30 UTC is already Monday in Berlin, not yet in UTC.
    now.set(Instant.parse("2026-12-13T23:30:00Z"));
    assertThat(reports.latestPeriod("shop", ReportCadence.WEEKLY).from())
        .isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(reports.latestPeriod("blog", ReportCadence.WEEKLY).from())
        .isEqualTo(LocalDate.parse("2026-11-30"));
  }

  @Test
  void recipientsOf_onlyThoseAddedBeforeThePeriodEnded() {
    EmailRecipient early = reports.subscribe("shop", "early@example.com", ReportCadence.WEEKLY);
    EmailRecipient monthly = reports.subscribe("shop", "m@example.com", ReportCadence.MONTHLY);
    DateRange lastWeek = reports.latestPeriod("shop", ReportCadence.WEEKLY);
    DateRange thisWeek = new DateRange(lastWeek.from().plusWeeks(1), lastWeek.to().plusWeeks(1));

    // Both were added on Wednesday: after last week ended, before this week ends.
    assertThat(reports.recipientsOf("shop", ReportCadence.WEEKLY, lastWeek)).isEmpty();
    assertThat(reports.recipientsOf("shop", ReportCadence.WEEKLY, thisWeek))
        .containsExactly(early);
    assertThat(reports.recipientsOf("shop", ReportCadence.MONTHLY,
        new DateRange(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"))))
        .containsExactly(monthly);
  }

  @Test
  void siteDeletion_removesItsRecipients() {
    EmailRecipient ann = reports.subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
    reports.subscribe("blog", "ann@example.com", ReportCadence.WEEKLY);

    analytics.sites().delete("shop");

    assertThat(reports.resolve(ann.unsubscribeToken())).isEmpty();
    assertThat(reports.list("blog")).hasSize(1);
  }

  @Test
  void storageWithoutRecipients_unsupported() {
    try (Analytics bare = Analytics.builder()
        .storage(new ForwardingStorage(InMemoryStorage.create()) {
          @Override
          public dev.footfall.spi.EmailReportStore emailReports() {
            throw new UnsupportedOperationException("none");
          }
        }).build()) {
      bare.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
      assertThatThrownBy(() -> bare.emailReports().list("shop"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("the storage does not store email report recipients");
    }
  }
}
