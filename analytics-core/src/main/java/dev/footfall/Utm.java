package dev.footfall;

import java.util.Objects;

/**
 * The five UTM campaign parameters of a page's URL; each is an empty string when absent.
 *
 * @param source {@code utm_source}
 * @param medium {@code utm_medium}
 * @param campaign {@code utm_campaign}
 * @param content {@code utm_content}
 * @param term {@code utm_term}
 * @since 0.1
 */
public record Utm(String source, String medium, String campaign, String content, String term) {
  /** No UTM parameters. */
  public static final Utm NONE = new Utm("", "", "", "", "");

  /** Checks that no parameter is {@code null}. */
  public Utm {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(medium, "medium");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(term, "term");
  }
}
