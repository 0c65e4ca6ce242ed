package dev.footfall.examples;

import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import dev.footfall.Tracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates plausible traffic for a site: visits spread over past days with a daily rhythm, one to
 * six pages each, a mix of sources (search, social, newsletters with UTM tags, direct), devices,
 * browsers and countries, and custom events with props. Imported like history: each request carries
 * its timestamp and a visitor id, and goes through the same pipeline as live traffic.
 */
public final class TrafficGenerator {
  private static final String[] PAGES = {
    "/", "/", "/", "/pricing", "/pricing", "/features", "/blog", "/blog/cookieless-analytics",
    "/blog/jvm-performance", "/docs", "/docs/getting-started", "/docs/api", "/about", "/app/",
    "/app/settings",
  };
  private static final String[] REFERRERS = {
    "", "", "", "", "https://www.google.com/", "https://www.google.com/", "https://www.google.de/",
    "https://www.bing.com/search?q=analytics", "https://duckduckgo.com/", "https://news.ycombinator.com/item?id=42",
    "https://www.reddit.com/r/java/", "https://t.co/abc123", "https://www.linkedin.com/feed/",
    "https://github.com/footfall/footfall", "https://blog.example.org/privacy-tools",
  };
  private static final String[] CAMPAIGNS = {
    "?utm_source=newsletter&utm_medium=email&utm_campaign=november",
    "?utm_source=mastodon&utm_medium=social&utm_campaign=launch",
    "?ref=producthunt",
  };
  private static final String[] COUNTRIES = {
    "US", "US", "US", "DE", "DE", "GB", "FR", "NL", "IN", "BR", "CA", "JP", "SE", "PL", "",
  };
  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  };

  private final Random random;

  /** Creates a generator; the same seed gives the same traffic. */
  public TrafficGenerator(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Tracks {@code visitsPerDay} visits (give or take) on each of the {@code days} days before
   * {@code now}, ordered by time.
   *
   * @return how many requests were tracked
   */
  public int generate(Tracker tracker, String siteId, String domain, int days, int visitsPerDay,
      Instant now) {
    List<TrackRequest> requests = new ArrayList<>();
    Instant start = now.minus(Duration.ofDays(days));
    int visitors = Math.max(1, visitsPerDay * days / 3);
    for (int day = 0; day < days; day++) {
      int visits = (int) (visitsPerDay * (0.7 + 0.6 * random.nextDouble()));
      for (int v = 0; v < visits; v++) {
        Instant visitStart = start.plus(Duration.ofDays(day)).plus(timeOfDay());
        if (visitStart.isBefore(now)) {
          addVisit(requests, siteId, domain, "visitor-" + random.nextInt(visitors), visitStart);
        }
      }
    }
    requests.sort((a, b) -> a.timestamp().orElseThrow().compareTo(b.timestamp().orElseThrow()));
    requests.forEach(tracker::track);
    return requests.size();
  }

  private void addVisit(List<TrackRequest> out, String siteId, String domain, String visitor,
      Instant at) {
    String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
    String campaign = random.nextInt(8) == 0 ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : "";
    RequestContext context = RequestContext.of("", USER_AGENTS[random.nextInt(USER_AGENTS.length)])
        .withCountry(COUNTRIES[random.nextInt(COUNTRIES.length)]);
    int pages = random.nextInt(10) < 4 ? 1 : 2 + random.nextInt(5);
    Instant t = at;
    for (int p = 0; p < pages; p++) {
      String url = "https://" + domain + PAGES[random.nextInt(PAGES.length)] + (p == 0 ? campaign : "");
      out.add(TrackRequest.pageview(siteId, url)
          .referrer(p == 0 ? referrer : "https://" + domain + "/")
          .visitorId(visitor).timestamp(t).context(context).build());
      if (random.nextInt(12) == 0) {
        out.add(TrackRequest.event(siteId, random.nextBoolean() ? "Signup" : "Download", url)
            .prop("plan", random.nextBoolean() ? "pro" : "free")
            .visitorId(visitor).timestamp(t.plusSeconds(5)).context(context).build());
      }
      t = t.plusSeconds(10 + random.nextInt(170));
    }
  }

  /** A time of day weighted towards office hours. */
  private Duration timeOfDay() {
    double hour = Math.min(23.99, Math.max(0, 14 + random.nextGaussian() * 4.5));
    return Duration.ofSeconds((long) (hour * 3600));
  }
}
