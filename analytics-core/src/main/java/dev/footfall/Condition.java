package dev.footfall;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an event must satisfy to be counted: a {@link Filter} on one dimension, or an {@link AllOf
 * and} or {@link AnyOf or} of conditions. A report's conditions are combined with AND. Every
 * condition can be {@linkplain #negate() negated}, which is how a "not" is expressed.
 *
 * <p>Instances are immutable.
 *
 * @since 0.2
 */
public sealed interface Condition permits Filter, Condition.AllOf, Condition.AnyOf {

  /** Returns the condition that holds exactly when this one does not. */
  Condition negate();

  /**
   * Returns whether an event whose dimension values {@code values} gives satisfies this condition.
   * A dimension whose value is not known ({@code values} returns null: a visit dimension of an
   * event whose session is not stored) satisfies no filter, negated or not.
   */
  boolean test(Function<Dimension, String> values);

  /**
   * Returns whether every filter in this condition is on a {@linkplain Dimension.Kind#ofVisit
   * visit dimension}.
   */
  default boolean ofVisit() {
    return filters().stream().allMatch(filter -> filter.dimension().kind().ofVisit());
  }

  /** Returns the filters this condition is made of, depth first. */
  List<Filter> filters();

  /** Returns the condition that holds when all of these hold. */
  static Condition allOf(List<? extends Condition> conditions) {
    return conditions.size() == 1 ? conditions.get(0) : new AllOf(List.copyOf(conditions));
  }

  /** Returns the condition that holds when any of these holds. */
  static Condition anyOf(List<? extends Condition> conditions) {
    return conditions.size() == 1 ? conditions.get(0) : new AnyOf(List.copyOf(conditions));
  }

  /**
   * All of the conditions hold.
   *
   * @param conditions at least two conditions
   */
  record AllOf(List<Condition> conditions) implements Condition {
    /** Validates and copies the conditions. */
    public AllOf {
      conditions = checked(conditions, "and");
    }

    @Override
    public Condition negate() {
      return new AnyOf(conditions.stream().map(Condition::negate).toList());
    }

    @Override
    public boolean test(Function<Dimension, String> values) {
      return conditions.stream().allMatch(condition -> condition.test(values));
    }

    @Override
    public List<Filter> filters() {
      return conditions.stream().flatMap(condition -> condition.filters().stream()).toList();
    }
  }

  /**
   * Any of the conditions holds.
   *
   * @param conditions at least two conditions
   */
  record AnyOf(List<Condition> conditions) implements Condition {
    /** Validates and copies the conditions. */
    public AnyOf {
      conditions = checked(conditions, "or");
    }

    @Override
    public Condition negate() {
      return new AllOf(conditions.stream().map(Condition::negate).toList());
    }

    @Override
    public boolean test(Function<Dimension, String> values) {
      return conditions.stream().anyMatch(condition -> condition.test(values));
    }

    @Override
    public List<Filter> filters() {
      return conditions.stream().flatMap(condition -> condition.filters().stream()).toList();
    }
  }

  private static List<Condition> checked(List<Condition> conditions, String operator) {
    Objects.requireNonNull(conditions, "conditions");
    conditions.forEach(condition -> Objects.requireNonNull(condition, "condition"));
    if (conditions.size() < 2) {
      throw new IllegalArgumentException("'" + operator + "' needs at least two conditions but had "
          + conditions.size());
    }
    if (conditions.size() > 100) {
      throw new IllegalArgumentException("'" + operator + "' takes at most 100 conditions but had "
          + conditions.size());
    }
    return List.copyOf(conditions);
  }
}
