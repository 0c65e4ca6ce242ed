package dev.footfall.benchmarks;

import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible stream of realistic requests for benchmarks: a few thousand visitors (distinct IP
 * addresses) on a few dozen real User-Agents, varied pages and referrers, one custom event in ten.
 */
final class SampleTraffic {
  static final String SITE = "bench";
  static final String DOMAIN = "bench.example";

  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:%d.0) Gecko/20100101 Firefox/%<d.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/%d.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS %d_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android %d; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  };
  private static final String[] REFERRERS = {
    "", "", "", "https://www.google.com/", "https://news.ycombinator.com/item?id=1",
    "https://t.co/xyz", "https://www.bing.com/search?q=x", "https://blog.example/post/1",
  };

  private SampleTraffic() {}

  static String userAgent(int n) {
    return String.format(USER_AGENTS[n % USER_AGENTS.length], 120 + n % 12);
  }

  /** Returns {@code count} requests from {@code visitors} visitors. */
  static List<TrackRequest> requests(int count, int visitors, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<TrackRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int visitor = random.nextInt(visitors);
      String url = "https://" + DOMAIN + "/docs/page-" + random.nextInt(200)
          + (random.nextInt(20) == 0 ? "?utm_source=newsletter&utm_campaign=launch" : "");
      RequestContext context = RequestContext.of(
          "198.51." + (visitor / 250) + "." + (visitor % 250), userAgent(visitor % 60));
      TrackRequest.Builder b = random.nextInt(10) == 0
          ? TrackRequest.event(SITE, "Signup", url).prop("plan", random.nextBoolean() ? "pro" : "free")
          : TrackRequest.pageview(SITE, url);
      requests.add(b.referrer(REFERRERS[random.nextInt(REFERRERS.length)]).context(context).build());
    }
    return requests;
  }
}
