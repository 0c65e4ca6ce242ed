package dev.footfall.kafka;

import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test traffic: visitors, each from its own address, with 1 to 5 pageviews 4 s apart (a fifth of
 * them bounce), visitors starting 2 s apart, and after every other pageview an engagement (scroll
 * depth and engaged time) a second later; every request carries its time, so the same traffic
 * gives the same visits whenever and wherever it is tracked. Requests come in time order, as a load
 * balancer would pass them on.
 */
final class Visits {
  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  };

  private Visits() {}

  /** The address of a visitor: distinct for each of up to 62,500. */
  static String address(int visitor) {
    return "203.0." + (visitor / 250) + "." + (visitor % 250 + 1);
  }

  /**
   * Returns the pageviews and engagements of {@code visitors} visitors on a site, the first at
   * {@code start}.
   */
  static List<TrackRequest> of(String siteId, int visitors, Instant start) {
    record Timed(Instant at, TrackRequest request) {}
    List<Timed> all = new ArrayList<>();
    for (int v = 0; v < visitors; v++) {
      int pageviews = 1 + v % 5;
      for (int k = 0; k < pageviews; k++) {
        Instant at = start.plus(Duration.ofSeconds(2L * v + 4L * k));
        all.add(new Timed(at, TrackRequest
            .pageview(siteId, "https://shop.example/p" + (v + k) % 7)
            .timestamp(at)
            .context(RequestContext.of(address(v), USER_AGENTS[v % USER_AGENTS.length]))
            .build()));
        if ((v + k) % 2 == 0) {
          Instant engaged = at.plusSeconds(1);
          all.add(new Timed(engaged, TrackRequest
              .engagement(siteId, "https://shop.example/p" + (v + k) % 7, (v * 7 + k * 13) % 101,
                  Duration.ofMillis(300L * (v % 9) + 17L * k))
              .timestamp(engaged)
              .context(RequestContext.of(address(v), USER_AGENTS[v % USER_AGENTS.length]))
              .build()));
        }
      }
    }
    all.sort(Comparator.comparing(Timed::at));
    return all.stream().map(Timed::request).toList();
  }
}
