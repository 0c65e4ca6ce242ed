package dev.footfall;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A site's funnel: 2 to 8 {@linkplain Goal goals}, by name, that visitors reach in order. A visit
 * completes step {@code k} when it has events converting steps 1 to {@code k} at strictly
 * increasing times. Managed with {@link Goals}; reported by {@link Reports#funnel}.
 *
 * @param name the funnel's name, unique within the site
 * @param steps the goal names, in order, each at most once
 * @since 0.3
 */
public record Funnel(String name, List<String> steps) {
  /** The fewest steps a funnel has. */
  public static final int MIN_STEPS = 2;
  /** The most steps a funnel has. */
  public static final int MAX_STEPS = 8;

  /**
   * Validates the funnel and copies its steps.
   *
   * @throws IllegalArgumentException if the name is blank or longer than 120 characters, or there
   *     are fewer than 2 or more than 8 steps, or a step repeats
   */
  public Funnel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(steps, "steps");
    name = name.strip();
    if (name.isEmpty() || name.length() > Goal.MAX_LENGTH) {
      throw new IllegalArgumentException("funnel name must be 1 to " + Goal.MAX_LENGTH
          + " characters but was '" + name + "'");
    }
    if (steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("funnel '" + name + "' needs " + MIN_STEPS + " to "
          + MAX_STEPS + " steps but had " + steps.size());
    }
    steps = List.copyOf(steps);
    if (new HashSet<>(steps).size() < steps.size()) {
      throw new IllegalArgumentException("funnel '" + name + "' names a goal twice: " + steps);
    }
  }
}
