package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.jdbc.JdbiStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The report benchmarks' dataset: {@value #EVENTS} events of one site over the 30 days before
 * {@link #NOW}, in visits of 1 to 8 events by 120,000 visitors, tracked through the full pipeline
 * into an H2 file. Built once, then reused while the file holds the full count.
 */
final class ReportDataset {
  static final int EVENTS = 1_000_000;
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final int VISITORS = 120_000;
  private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "NL", "IN", "BR", "JP", ""};
  private static final String[] REFERRERS = {"", "", "", "https://www.google.com/",
      "https://news.ycombinator.com/item?id=1", "https://t.co/xyz", "https://www.bing.com/search",
      "https://github.com/footfall", "https://blog.example/post/1"};

  private ReportDataset() {}

  /** Opens the dataset in {@code directory}, building it first if it is missing or incomplete. */
  static Analytics open(Path directory) throws Exception {
    Path file = directory.resolve("footfall");
    Analytics analytics = analytics(file);
    long stored = analytics.storage().events().count(SampleTraffic.SITE, Instant.EPOCH, NOW);
    if (stored == EVENTS) {
      return analytics;
    }
    analytics.close();
    Files.deleteIfExists(directory.resolve("footfall.mv.db"));
    analytics = analytics(file);
    analytics.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN,
        ZoneId.of("Europe/Berlin"), "", Instant.EPOCH));
    long start = System.nanoTime();
    for (TrackRequest request : requests(new SplittableRandom(1_000_000))) {
      analytics.tracker().awaitCapacity(Duration.ofMinutes(1));
      analytics.tracker().track(request);
    }
    analytics.flush(Duration.ofMinutes(10));
    System.out.printf("built %,d events in %d s%n", analytics.stats().stored(),
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    return analytics;
  }

  private static Analytics analytics(Path file) {
    // H2 would otherwise answer a repeated identical query from a cache while no table changes,
    // which is not what a dashboard over live data sees.
    JdbiStorage storage = JdbiStorage.pooled("jdbc:h2:file:" + file.toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE", "", "");
    return Analytics.builder().storage(storage)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).bufferCapacity(100_000).build();
  }

  private static List<TrackRequest> requests(SplittableRandom random) {
    List<Timed> events = new ArrayList<>(EVENTS + 8);
    long window = Duration.ofDays(30).toSeconds() - 3_600;
    while (events.size() < EVENTS) {
      int visitor = random.nextInt(VISITORS);
      String country = COUNTRIES[visitor % COUNTRIES.length];
      Instant at = NOW.minusSeconds(3_600 + random.nextLong(window));
      String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length && events.size() < EVENTS; i++) {
        String url = "https://" + SampleTraffic.DOMAIN + "/docs/page-" + random.nextInt(200)
            + (i == 0 && random.nextInt(20) == 0 ? "?utm_source=newsletter&utm_campaign=launch" : "");
        TrackRequest.Builder request = random.nextInt(10) == 0
            ? TrackRequest.event(SampleTraffic.SITE, "Signup", url)
                .prop("plan", random.nextBoolean() ? "pro" : "free")
            : TrackRequest.pageview(SampleTraffic.SITE, url);
        if (i == 0) {
          request.referrer(referrer);
        }
        events.add(new Timed(at, request.visitorId("v" + visitor).timestamp(at)
            .context(RequestContext.of("", SampleTraffic.userAgent(visitor % 60))
                .withCountry(country)).build()));
        at = at.plusSeconds(20 + random.nextInt(280));
      }
    }
    events.sort(Comparator.comparing(Timed::at));
    return events.stream().map(Timed::request).toList();
  }

  private record Timed(Instant at, TrackRequest request) {}
}
