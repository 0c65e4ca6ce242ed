package dev.footfall.jdbc;

import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.spi.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The SQL for a {@link Selection}: the {@code FROM} and {@code WHERE} clauses that select its
 * events (alias {@code e}, joined to their session as {@code v} when a visit dimension is read),
 * and the values they bind. Filter values are always bound, never spliced into the SQL.
 *
 * <p>The conditions on the event's own columns and those on its session's ({@link
 * #eventsWhere()}, {@link #visitWhere()}) are also given apart, for a query that joins the
 * sessions only after grouping the events by session; a condition that reads both (an {@code or}
 * of a page and a source, say) stays with the events, which then join their session.
 */
final class SqlSelection {
  private final Dialect dialect;
  private final Map<String, Object> binds = new LinkedHashMap<>();
  private final List<String> eventConditions = new ArrayList<>();
  private final List<String> visitConditions = new ArrayList<>();
  /** Whether an event condition reads the session, so that {@link #eventsWhere()} joins it. */
  private boolean eventsJoinVisit;
  /** Whether anything reads the session. */
  private boolean joinVisit;
  /**
   * Whether a {@link #column} asked for after the conditions (a grouping key) reads the session:
   * then only events whose session is stored are counted.
   */
  private boolean keyReadsVisit;
  private boolean conditionsRendered;
  private final String goal;

  SqlSelection(Dialect dialect, Selection selection) {
    this.dialect = dialect;
    eventConditions.add("e.site_id = :site");
    eventConditions.add("e.timestamp >= :from");
    eventConditions.add("e.timestamp < :to");
    binds.put("site", selection.siteId());
    binds.put("from", dialect.bind(selection.from()));
    binds.put("to", dialect.bind(selection.to()));
    this.goal = selection.goal().map(this::sql).orElse("FALSE");
    for (Condition condition : selection.filters()) {
      boolean ofVisit = condition.ofVisit();
      String sql = sql(condition);
      if (ofVisit) {
        visitConditions.add(sql);
      } else {
        eventsJoinVisit |= condition.filters().stream()
            .anyMatch(filter -> filter.dimension().kind().ofVisit());
        eventConditions.add(sql);
      }
    }
    conditionsRendered = true;
  }

  /** Returns the SQL of a condition, with its values bound. */
  String sql(Condition condition) {
    if (condition instanceof Filter filter) {
      return sql(filter);
    }
    boolean all = condition instanceof Condition.AllOf;
    List<Condition> parts = all ? ((Condition.AllOf) condition).conditions()
        : ((Condition.AnyOf) condition).conditions();
    return "(" + String.join(all ? " AND " : " OR ", parts.stream().map(this::sql).toList())
        + ")";
  }

  /**
   * Returns the SQL of whether an event converts the selection's goal ({@code FALSE} without a
   * goal); the goal reads only the event's own columns.
   */
  String goal() {
    return goal;
  }

  /** Returns the SQL of a filter: any of its values' terms, negated for a {@code _NOT} operator. */
  private String sql(Filter filter) {
    String column = column(filter.dimension());
    String compared = filter.caseSensitive() ? column : "LOWER(" + column + ")";
    List<String> terms = new ArrayList<>();
    for (String value : filter.values()) {
      terms.add(switch (filter.operator()) {
        case IS, IS_NOT -> compared + " = " + lowered(filter, ":" + bind(value));
        case CONTAINS, CONTAINS_NOT -> compared + " LIKE "
            + lowered(filter, ":" + bind("%" + escapeLike(value) + "%")) + " ESCAPE '!'";
        case MATCHES, MATCHES_NOT -> dialect.matches(column,
            ":" + bind(dialect.regex(value, filter.caseSensitive())), filter.caseSensitive());
      });
    }
    String any = "(" + String.join(" OR ", terms) + ")";
    return filter.operator().negative() ? "NOT " + any : any;
  }

  private static String lowered(Filter filter, String placeholder) {
    return filter.caseSensitive() ? placeholder : "LOWER(" + placeholder + ")";
  }

  /**
   * Returns the SQL expression of a dimension's value, {@code ""} when empty, joining the session
   * if the dimension belongs to the visit.
   */
  String column(Dimension dimension) {
    joinVisit |= dimension.kind().ofVisit();
    keyReadsVisit |= conditionsRendered && dimension.kind().ofVisit();
    return switch (dimension.kind()) {
      case PAGE -> "e.pathname";
      case EVENT_NAME -> "e.event_name";
      case PROP -> "COALESCE(" + dialect.prop("e.metadata", ":" + bind(dialect.propPath(
          dimension.propKey()))) + ", '')";
      case COUNTRY -> "e.country";
      case DEVICE -> "e.device_type";
      case BROWSER -> "e.browser";
      case OS -> "e.os";
      case ENTRY_PAGE -> "v.entry_page";
      case EXIT_PAGE -> "v.exit_page";
      case SOURCE -> "v.referrer_source";
      case REFERRER -> "v.referrer";
      case UTM_SOURCE -> "v.utm_source";
      case UTM_MEDIUM -> "v.utm_medium";
      case UTM_CAMPAIGN -> "v.utm_campaign";
      case UTM_CONTENT -> "v.utm_content";
      case UTM_TERM -> "v.utm_term";
      case GOAL -> throw new IllegalArgumentException(
          "a goal must be resolved to conditions on the event before it reaches the store");
    };
  }

  /** Binds a value under a fresh name and returns the name. */
  String bind(Object value) {
    String name = "p" + binds.size();
    binds.put(name, value);
    return name;
  }

  /** Returns {@code FROM … WHERE …}; call it after every {@link #column} the query uses. */
  String fromWhere() {
    return fromWhere("event");
  }

  /**
   * Returns {@link #fromWhere()} over another table with the event's columns that the conditions
   * read, such as {@code engagement}.
   */
  String fromWhere(String table) {
    return " FROM " + table + " e" + joinWhere();
  }

  /**
   * Returns the joins and conditions of {@link #fromWhere()} after {@code FROM event e}: {@code
   * [JOIN session v …] WHERE …}, for a query that joins the events to something else first. The
   * session is joined so that an event whose session is not stored drops out when {@link
   * #readsVisit()}; else (only an {@code or} of event and visit filters reads it) such an event
   * still passes where its own columns satisfy the condition, as the reference counts it: its
   * visit's columns are null, and a filter on null is never true.
   */
  String joinWhere() {
    List<String> conditions = new ArrayList<>(eventConditions);
    conditions.addAll(visitConditions);
    return (joinVisit ? (readsVisit() ? " JOIN" : " LEFT JOIN")
        + " session v ON v.session_id = e.session_id" : "")
        + " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * Returns {@code FROM event e WHERE …} with the conditions that are not only on the session's
   * columns (joining the session, as {@code v}, if one of them reads it too).
   */
  String eventsWhere() {
    return " FROM event e"
        + (eventsJoinVisit ? " LEFT JOIN session v ON v.session_id = e.session_id" : "")
        + " WHERE " + String.join(" AND ", eventConditions);
  }

  /**
   * Returns {@code WHERE …} with the conditions on the session's columns (alias {@code v}), or
   * {@code ""} if there are none.
   */
  String visitWhere() {
    return visitConditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", visitConditions);
  }

  /**
   * Tells whether the query reads a visit dimension by itself (a filter on one, or a {@link
   * #column} asked for so far), so that only events whose session is stored can be counted.
   */
  boolean readsVisit() {
    return keyReadsVisit || !visitConditions.isEmpty();
  }

  /** Binds every value to the statement. */
  <T extends SqlStatement<T>> T bindAll(T statement) {
    binds.forEach(statement::bind);
    return statement;
  }

  private static String escapeLike(String value) {
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
