package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several {@link Analytics} on one storage without cluster mode, as application instances on one
 * database: an instance that starts never takes over the open sessions of a live instance, whose
 * numbers therefore stay its own; it takes over those of an instance that is gone.
 */
final class SessionsAcrossInstancesTest {
  private static final Duration WAIT = Duration.ofMinutes(1);
  private final Storage shared = InMemoryStorage.create();
  private final List<Analytics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Analytics::close);
  }

  @Test
  void aStartingInstance_leavesALiveInstancesSessionsAlone() {
    Analytics first = open();
    first.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.now()));
    track(first, "/a");
    Analytics second = open();

    track(second, "/b");
    track(first, "/c");

    List<Session> stored = sessions();
    assertThat(stored).hasSize(2);
    Session firsts = stored.get(0);
    assertThat(firsts.pageviews()).as("the first instance's visit, continued by it alone")
        .isEqualTo(2);
    assertThat(firsts.entryPage()).isEqualTo("/a");
    assertThat(firsts.exitPage()).isEqualTo("/c");
    assertThat(stored.get(1).pageviews()).isEqualTo(1);
    assertThat(stored.get(1).owner()).isNotEqualTo(firsts.owner()).isNotEmpty();
  }

  @Test
  void aStartingInstance_takesOverTheSessionsOfOneThatClosed() {
    Analytics first = open();
    first.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.now()));
    track(first, "/a");
    String firstOwner = sessions().get(0).owner();
    first.close();

    Analytics second = open();
    track(second, "/b");

    List<Session> stored = sessions();
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).pageviews()).isEqualTo(2);
    assertThat(stored.get(0).owner()).isNotEqualTo(firstOwner).isNotEmpty();
  }

  private Analytics open() {
    Analytics analytics = Analytics.builder().storage(shared).build();
    opened.add(analytics);
    return analytics;
  }

  /** Tracks a pageview of the one visitor and waits until it and its session are stored. */
  private static void track(Analytics analytics, String path) {
    TrackRequest pageview = TrackRequest.pageview("shop", "https://shop.example" + path)
        .context(RequestContext.of("203.0.113.9",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"))
        .build();
    assertThat(analytics.tracker().track(pageview).isAccepted()).isTrue();
    assertThat(analytics.flush(WAIT)).isTrue();
  }

  private List<Session> sessions() {
    return shared.sessions().list("shop", Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
        .sorted(Comparator.comparing(Session::startedAt))
        .toList();
  }
}
