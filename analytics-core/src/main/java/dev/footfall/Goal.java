package dev.footfall;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A site's goal: a custom event, or a pageview of pages matching a pattern, whose visitors count
 * as conversions. A custom-event goal with a {@linkplain #currency() currency} is a revenue goal:
 * its conversions' {@link Revenue} in that currency is summed. Goals are managed with {@link
 * Goals} and used by name: in {@link ReportQuery.Builder#goal}, in filters on {@link
 * Dimension#GOAL}, in a breakdown by it ({@link Reports#goals}) and as {@link Funnel} steps.
 *
 * <p>Page patterns use Plausible's wildcards (see {@link Filter#wildcard}): {@code /blog/*} is
 * every page one level under {@code /blog/}, {@code /docs/**} every page under {@code /docs/}.
 *
 * @param name the name reports show, unique within the site: by default the event name, or
 *     {@code Visit } and the page pattern
 * @param eventName the custom event's name, or {@code ""} for a pageview goal
 * @param pagePath the page pattern of a pageview goal, or {@code ""}
 * @param currency the currency of a revenue goal, if it is one
 * @since 0.3
 */
public record Goal(String name, String eventName, String pagePath, Optional<Currency> currency) {
  /** The longest goal name, event name or page pattern. */
  public static final int MAX_LENGTH = 120;

  /**
   * Validates the goal.
   *
   * @throws IllegalArgumentException unless exactly one of event name and page pattern is given,
   *     each at most 120 characters, the page pattern starts with {@code /}, the name is not
   *     blank, and only a custom-event goal has a currency
   */
  public Goal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(pagePath, "pagePath");
    Objects.requireNonNull(currency, "currency");
    name = name.strip();
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("goal name must be 1 to " + MAX_LENGTH
          + " characters but was '" + name + "'");
    }
    if (eventName.isEmpty() == pagePath.isEmpty()) {
      throw new IllegalArgumentException("goal '" + name + "' needs either an event name or a"
          + " page path, not " + (eventName.isEmpty() ? "neither" : "both"));
    }
    if (eventName.length() > MAX_LENGTH || eventName.equals("pageview")) {
      throw new IllegalArgumentException("goal event name must be a custom event name of 1 to "
          + MAX_LENGTH + " characters but was '" + eventName + "'");
    }
    if (!pagePath.isEmpty() && (!pagePath.startsWith("/") || pagePath.length() > MAX_LENGTH)) {
      throw new IllegalArgumentException("goal page path must start with '/' and be at most "
          + MAX_LENGTH + " characters but was '" + pagePath + "'");
    }
    if (!pagePath.isEmpty() && currency.isPresent()) {
      throw new IllegalArgumentException("goal '" + name + "' is a pageview goal; only a custom"
          + " event goal can have a revenue currency");
    }
  }

  /** Returns the goal of a custom event, named after it. */
  public static Goal event(String eventName) {
    return new Goal(eventName, eventName, "", Optional.empty());
  }

  /** Returns the revenue goal of a custom event, named after it, in a currency. */
  public static Goal revenue(String eventName, Currency currency) {
    return new Goal(eventName, eventName, "", Optional.of(currency));
  }

  /** Returns the goal of pageviews of pages matching the pattern, named {@code Visit <pattern>}. */
  public static Goal pageview(String pagePath) {
    return new Goal("Visit " + pagePath, "", pagePath, Optional.empty());
  }

  /** Returns this goal under another name. */
  public Goal named(String name) {
    return new Goal(name, eventName, pagePath, currency);
  }

  /** Returns whether this is a pageview goal. */
  public boolean isPageview() {
    return !pagePath.isEmpty();
  }

  /** Returns the condition an event satisfies when it converts this goal. */
  public Condition condition() {
    if (isPageview()) {
      return Condition.allOf(List.of(Filter.is(Dimension.EVENT_NAME, "pageview"),
          Filter.wildcard(Dimension.PAGE, pagePath)));
    }
    return Filter.is(Dimension.EVENT_NAME, eventName);
  }
}
