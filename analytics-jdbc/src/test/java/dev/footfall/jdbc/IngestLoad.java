package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.AnalyticsStats;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
import dev.footfall.testkit.PersonalData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent tracking load and the checks that follow it, for any SQL database: every accepted
 * event stored exactly once, one session per visitor, and no IP address or User-Agent anywhere in
 * the database.
 */
final class IngestLoad {

  private final int threads;
  private final int eventsPerThread;
  private final int visitors;

  IngestLoad(int threads, int eventsPerThread, int visitors) {
    this.threads = threads;
    this.eventsPerThread = eventsPerThread;
    this.visitors = visitors;
  }

  /** Visitor {@code v}'s IP address: half IPv4, half IPv6. */
  static String ip(int v) {
    return v % 2 == 0 ? "203.0." + (v / 256) + "." + (v % 256) : "2001:db8::" + Integer.toHexString(v);
  }

  /** Visitor {@code v}'s User-Agent: real browser strings with distinct build numbers. */
  static String userAgent(int v) {
    return switch (v % 3) {
      case 0 -> "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0." + v + ".0 Safari/537.36";
      case 1 -> "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
          + " (KHTML, like Gecko) Version/18.1 Mobile/15E" + v + " Safari/604.1";
      default -> "Mozilla/5.0 (X11; Linux x86_64; rv:" + (100 + v % 30) + ".0) Gecko/20100101"
          + " Firefox/" + (100 + v % 30) + ".0 build/" + v;
    };
  }

  /**
   * Tracks the load into site {@code shop} from all threads at once, then closes {@code analytics}.
   *
   * @return the sequence numbers of the accepted events (each event carries its own as prop {@code seq})
   */
  Set<String> runAndClose(Analytics analytics) throws InterruptedException {
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread producer = new Thread(() -> {
        for (int i = 0; i < eventsPerThread; i++) {
          int seq = thread * eventsPerThread + i;
          int visitor = seq % visitors;
          TrackResult result = analytics.tracker().track(
              TrackRequest.pageview("shop", "https://shop.example/page/" + (seq % 37))
                  .referrer(seq % 5 == 0 ? "https://www.google.com/" : "")
                  .prop("seq", seq)
                  .context(RequestContext.of(ip(visitor), userAgent(visitor)))
                  .build());
          if (result.isAccepted()) {
            accepted.add(Integer.toString(seq));
          }
        }
      });
      producers.add(producer);
      producer.start();
    }
    for (Thread producer : producers) {
      producer.join();
    }
    analytics.close();

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.received()).isEqualTo((long) threads * eventsPerThread);
    assertThat(stats.accepted()).isEqualTo(accepted.size()).isEqualTo(stats.received());
    assertThat(stats.stored()).isEqualTo(stats.accepted());
    assertThat(stats.droppedTotal()).isZero();
    assertThat(stats.pending()).isZero();
    return accepted;
  }

  /** Checks what the load left in the database. */
  void verify(JdbiStorage storage, Set<String> acceptedSeqs) throws SQLException {
    List<String> storedSeqs = storage.jdbi().withHandle(h ->
        h.createQuery("SELECT metadata FROM event").mapTo(String.class).list()).stream()
        .map(json -> json.replaceAll("\\D", ""))
        .toList();
    assertThat(storedSeqs).hasSize(acceptedSeqs.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(storedSeqs)).isEqualTo(acceptedSeqs);

    // One session per visitor (the whole load is one visit), holding all of its pageviews.
    assertThat(number(storage, "SELECT COUNT(*) FROM session")).isEqualTo(visitors);
    assertThat(number(storage, "SELECT COUNT(DISTINCT visitor_id) FROM session"))
        .isEqualTo(visitors);
    assertThat(number(storage, "SELECT SUM(pageviews) FROM session"))
        .isEqualTo(acceptedSeqs.size());
    assertThat(number(storage, "SELECT COUNT(*) FROM event e LEFT JOIN session s"
        + " ON s.session_id = e.session_id AND s.visitor_id = e.visitor_id"
        + " WHERE s.session_id IS NULL")).isZero();

    assertNothingPersonal(storage);
  }

  /** Reads every column of every table as text and looks for the IP addresses and User-Agents. */
  private void assertNothingPersonal(JdbiStorage storage) throws SQLException {
    List<String> ips = new ArrayList<>();
    List<String> userAgents = new ArrayList<>();
    for (int v = 0; v < visitors; v++) {
      ips.add(ip(v));
      userAgents.add(userAgent(v));
    }
    PersonalData personal = PersonalData.of(ips, userAgents);
    storage.jdbi().useHandle(h -> personal.assertAbsentFromTables(h.getConnection()));
  }

  private static long number(JdbiStorage storage, String sql) {
    return storage.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
