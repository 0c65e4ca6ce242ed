package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.footfall.Analytics;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.testkit.MutableClock;
import dev.footfall.testkit.PersonalData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A database outage in the middle of Footfall's writes, under a real connection pool ({@link
 * JdbiStorage#pooled}) on a real database, while every event carries marker values in each field
 * that the driver could quote: pathname, event name, prop, referrer, UTM campaign, the time of day
 * (not the date: a failed job names the day it works on), and the visitor id and session id derived
 * from them. Everything logged meanwhile, by every logger (HikariCP, the driver, Footfall's default
 * {@link ErrorListener}, and the database's own log file where it has one), is searched for those
 * values, the IP address and the User-Agent: none may appear. The log must show the failures, and
 * every accepted event must be stored once the database is back.
 */
abstract class OutageLogContract {
  private static final Instant NOW = Instant.parse("2031-03-17T13:37:42.123Z");
  private static final String IP = "203.0.113.77";
  private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0)"
      + " Gecko/20100101 Firefox/128.0 build/73737";
  private static final String URL =
      "https://shop.example/leak-canary-7f3a?utm_campaign=canary-campaign-7f3a";
  private static final List<String> MARKERS = List.of("leak-canary-7f3a", "CanaryEvent7f3a",
      "canary-prop-7f3a", "canary-referrer-7f3a", "canary-campaign-7f3a", "13:37:42");
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  /** A database that the test can take down and bring back, and the pool's view of it. */
  interface Outage extends AutoCloseable {
    /** Opens the storage under test: a connection pool from a JDBC URL, as applications do. */
    JdbiStorage open();

    /** Breaks the database while writes are flowing. */
    void begin() throws Exception;

    /**
     * Called every few milliseconds until writes have failed twice: breaks the connections of
     * writes under way, if that is how this database's outage goes.
     */
    void strike() throws Exception;

    /** Brings the database back. */
    void end() throws Exception;

    /** Returns the text the pool, driver or Footfall must have logged about the failed writes. */
    List<String> evidence();

    /** Returns the log files the database itself wrote, or an empty string. */
    default String databaseLog() throws Exception {
      return "";
    }

    /** Drops the test database. */
    @Override
    void close() throws SQLException;
  }

  protected abstract Outage outage() throws Exception;

  @Test
  void outageDuringWrites_logsNoValueOfTheEvents() throws Exception {
    List<String> derived = new ArrayList<>();
    String log;
    List<String> evidence;
    try (Outage outage = outage()) {
      evidence = outage.evidence();
      try (LogCapture capture = LogCapture.start()) {
        ErrorListener logging = ErrorListener.logging();
        Analytics analytics = Analytics.builder().storage(outage.open()).clock(MutableClock.at(NOW))
            .errorListener(logging).build();
        Tracking tracking = new Tracking(analytics);
        try {
          analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "Shop", NOW));
          tracking.start();
          await("a first write", () -> analytics.stats().stored() > 0);
          outage.begin();
          long failuresBefore = analytics.stats().storageFailures();
          await("two failed writes", () -> {
            outage.strike();
            return analytics.stats().storageFailures() >= failuresBefore + 2;
          });
          outage.end();
          tracking.stop();
          assertThat(analytics.flush(PATIENCE)).isTrue();

          assertThat(analytics.stats().droppedTotal()).isZero();
          assertThat(analytics.stats().stored()).isEqualTo(tracking.accepted.get());
          List<Event> events = analytics.storage().events().list("shop", NOW, NOW.plusMillis(1),
              0, 100_000);
          assertThat(events).hasSize((int) tracking.accepted.get())
              .allSatisfy(e -> assertThat(e.pathname()).isEqualTo("/leak-canary-7f3a"));
          derived.add(Long.toString(events.get(0).visitorId()));
          derived.add(Long.toString(events.get(0).sessionId()));
        } finally {
          tracking.stop();
          analytics.close();
        }
        log = capture.text();
      }
      log += outage.databaseLog();
    }

    assertThat(log).as("the log").contains("footfall: write").contains(evidence);
    for (String value : MARKERS) {
      assertThat(log).as("the log, for event value %s", value).doesNotContain(value);
    }
    for (String value : derived) {
      assertThat(log).as("the log, for visitor or session id %s", value).doesNotContain(value);
    }
    PersonalData.of(List.of(IP), List.of(USER_AGENT)).assertAbsentFrom("the log", log);
  }

  /** A condition polled by {@link #await}. */
  interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("no " + what + " within " + PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  /** Tracks a marker event every 20 ms on its own thread, counting those accepted. */
  private static final class Tracking {
    private final Analytics analytics;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong accepted = new AtomicLong();
    private final Thread thread;

    Tracking(Analytics analytics) {
      this.analytics = analytics;
      this.thread = new Thread(this::run, "outage-tracking");
    }

    void start() {
      thread.start();
    }

    private void run() {
      while (running.get()) {
        boolean ok = analytics.tracker().track(TrackRequest.event("shop", "CanaryEvent7f3a", URL)
            .referrer("https://canary-referrer-7f3a.example/from")
            .prop("plan", "canary-prop-7f3a")
            .context(RequestContext.of(IP, USER_AGENT))
            .build()).isAccepted();
        if (ok) {
          accepted.incrementAndGet();
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
