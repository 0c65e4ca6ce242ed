package dev.footfall.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Revenue;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.Utm;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts between rows and values; instants go through the {@link Dialect}. */
final class Rows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> PROPS =
      new TypeReference<>() {};

  private Rows() {}

  /** Binds an event's columns in the order of {@link Columns#EVENT}. */
  static void bindEvent(PreparedStatement ps, Event e, Dialect dialect) throws SQLException {
    int i = 1;
    ps.setString(i++, e.siteId());
    ps.setString(i++, e.type().wireName());
    ps.setString(i++, e.name());
    ps.setString(i++, e.hostname());
    ps.setString(i++, e.pathname());
    ps.setString(i++, e.referrer());
    ps.setString(i++, e.referrerSource());
    i = bindUtm(ps, i, e.utm());
    ps.setLong(i++, e.visitorId());
    ps.setLong(i++, e.sessionId());
    ps.setString(i++, e.browser());
    ps.setString(i++, e.browserVersion());
    ps.setString(i++, e.os());
    ps.setString(i++, e.osVersion());
    ps.setString(i++, e.deviceType());
    ps.setString(i++, e.country());
    ps.setBoolean(i++, e.interactive());
    ps.setString(i++, toJson(e.props()));
    ps.setObject(i++, dialect.bind(e.timestamp()));
    Revenue revenue = e.revenue().orElse(null);
    if (revenue != null) {
      ps.setBigDecimal(i++, revenue.amount());
      ps.setString(i, revenue.currency().getCurrencyCode());
    } else {
      ps.setNull(i++, Types.DECIMAL);
      ps.setNull(i, Types.CHAR);
    }
  }

  /** Inserts an engagement, bound by {@link #bindEngagement}. */
  static final String INSERT_ENGAGEMENT = "INSERT INTO engagement (site_id, timestamp, visitor_id,"
      + " session_id, pathname, country, device_type, browser, os, scroll_depth, engaged_ms)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Binds an engagement's columns for {@link #INSERT_ENGAGEMENT}. */
  static void bindEngagement(PreparedStatement ps, Event e, Dialect dialect) throws SQLException {
    int i = 1;
    ps.setString(i++, e.siteId());
    ps.setObject(i++, dialect.bind(e.timestamp()));
    ps.setLong(i++, e.visitorId());
    ps.setLong(i++, e.sessionId());
    ps.setString(i++, e.pathname());
    ps.setString(i++, e.country());
    ps.setString(i++, e.deviceType());
    ps.setString(i++, e.browser());
    ps.setString(i++, e.os());
    ps.setInt(i++, e.scrollDepth());
    ps.setLong(i, e.engagedTime().toMillis());
  }

  /** Binds a session's columns in the order of {@link Columns#SESSION}. */
  static void bindSession(PreparedStatement ps, Session s, Dialect dialect) throws SQLException {
    int i = 1;
    ps.setLong(i++, s.sessionId());
    ps.setString(i++, s.siteId());
    ps.setLong(i++, s.visitorId());
    ps.setString(i++, s.entryPage());
    ps.setString(i++, s.exitPage());
    ps.setInt(i++, s.pageviews());
    ps.setInt(i++, s.events());
    ps.setLong(i++, s.durationSeconds());
    ps.setBoolean(i++, s.bounce());
    ps.setString(i++, s.referrer());
    ps.setString(i++, s.referrerSource());
    i = bindUtm(ps, i, s.utm());
    ps.setString(i++, s.country());
    ps.setString(i++, s.deviceType());
    ps.setString(i++, s.browser());
    ps.setString(i++, s.os());
    ps.setObject(i++, dialect.bind(s.startedAt()));
    ps.setObject(i++, dialect.bind(s.lastActivityAt()));
    if (s.endedAt().isPresent()) {
      ps.setObject(i++, dialect.bind(s.endedAt().get()));
    } else {
      ps.setNull(i++, dialect.localTimestamps() ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    }
    ps.setString(i, s.owner());
  }

  private static int bindUtm(PreparedStatement ps, int start, Utm utm) throws SQLException {
    int i = start;
    ps.setString(i++, utm.source());
    ps.setString(i++, utm.medium());
    ps.setString(i++, utm.campaign());
    ps.setString(i++, utm.content());
    ps.setString(i++, utm.term());
    return i;
  }

  static Event event(ResultSet rs, Dialect dialect) throws SQLException {
    EventType type = EventType.fromWireName(rs.getString("event_type"));
    return Event.builder(rs.getString("site_id"), type)
        .id(rs.getLong("id"))
        .name(rs.getString("event_name"))
        .hostname(rs.getString("hostname"))
        .pathname(rs.getString("pathname"))
        .referrer(rs.getString("referrer"))
        .referrerSource(rs.getString("referrer_source"))
        .utm(utm(rs))
        .visitorId(rs.getLong("visitor_id"))
        .sessionId(rs.getLong("session_id"))
        .browser(rs.getString("browser"))
        .browserVersion(rs.getString("browser_version"))
        .os(rs.getString("os"))
        .osVersion(rs.getString("os_version"))
        .deviceType(rs.getString("device_type"))
        .country(rs.getString("country"))
        .interactive(rs.getBoolean("interactive"))
        .props(fromJson(rs.getString("metadata")))
        .timestamp(dialect.instant(rs, "timestamp"))
        .revenue(revenue(rs))
        .build();
  }

  private static Revenue revenue(ResultSet rs) throws SQLException {
    BigDecimal amount = rs.getBigDecimal("revenue_amount");
    String currency = rs.getString("revenue_currency");
    return amount == null || currency == null ? null
        : new Revenue(amount, Currency.getInstance(currency.strip()));
  }

  static Session session(ResultSet rs, Dialect dialect) throws SQLException {
    return Session.builder(rs.getString("site_id"), rs.getLong("session_id"),
            rs.getLong("visitor_id"))
        .entryPage(rs.getString("entry_page"))
        .exitPage(rs.getString("exit_page"))
        .pageviews(rs.getInt("pageviews"))
        .events(rs.getInt("events"))
        .bounce(rs.getBoolean("is_bounce"))
        .referrer(rs.getString("referrer"))
        .referrerSource(rs.getString("referrer_source"))
        .utm(utm(rs))
        .country(rs.getString("country"))
        .deviceType(rs.getString("device_type"))
        .browser(rs.getString("browser"))
        .os(rs.getString("os"))
        .startedAt(dialect.instant(rs, "started_at"))
        .lastActivityAt(dialect.instant(rs, "last_activity_at"))
        .endedAt(dialect.instant(rs, "ended_at"))
        .owner(rs.getString("owner"))
        .build();
  }

  static Site site(ResultSet rs, Dialect dialect) throws SQLException {
    return Site.of(rs.getString("id"), rs.getString("domain"), ZoneId.of(rs.getString("timezone")),
        rs.getString("name"), dialect.instant(rs, "created_at"));
  }

  private static Utm utm(ResultSet rs) throws SQLException {
    return new Utm(rs.getString("utm_source"), rs.getString("utm_medium"),
        rs.getString("utm_campaign"), rs.getString("utm_content"), rs.getString("utm_term"));
  }

  static String toJson(Map<String, String> props) {
    if (props.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(props);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always serializable", e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, PROPS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event metadata is not a JSON object of strings", e);
    }
  }
}
