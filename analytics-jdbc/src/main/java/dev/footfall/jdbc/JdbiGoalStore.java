package dev.footfall.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Funnel;
import dev.footfall.Goal;
import dev.footfall.spi.GoalStore;
import java.io.UncheckedIOException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Goals in the {@code goal} table, funnels in {@code funnel} (their steps as a JSON array), each
 * with its position in the site's list.
 */
final class JdbiGoalStore implements GoalStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STEPS = new TypeReference<>() {};

  private final Jdbi jdbi;

  JdbiGoalStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<Goal> goals(String siteId) {
    return Failures.call("list goals", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT name, event_name, page_path, currency FROM goal"
            + " WHERE site_id = :site ORDER BY position")
        .bind("site", siteId)
        .map((rs, ctx) -> new Goal(rs.getString("name"), rs.getString("event_name"),
            rs.getString("page_path"), rs.getString("currency").isEmpty() ? Optional.empty()
                : Optional.of(Currency.getInstance(rs.getString("currency")))))
        .list()));
  }

  @Override
  public boolean addGoal(String siteId, Goal goal) {
    return Failures.call("add a goal", () -> jdbi.inTransaction(h -> {
      if (exists(h, "goal", siteId, goal.name())) {
        return false;
      }
      h.createUpdate("INSERT INTO goal (site_id, name, event_name, page_path, currency, position)"
              + " SELECT :site, :name, :event, :page, :currency, COALESCE(MAX(position), 0) + 1"
              + " FROM goal WHERE site_id = :site")
          .bind("site", siteId)
          .bind("name", goal.name())
          .bind("event", goal.eventName())
          .bind("page", goal.pagePath())
          .bind("currency", goal.currency().map(Currency::getCurrencyCode).orElse(""))
          .execute();
      return true;
    }));
  }

  @Override
  public boolean deleteGoal(String siteId, String name) {
    return delete("goal", siteId, name);
  }

  @Override
  public List<Funnel> funnels(String siteId) {
    return Failures.call("list funnels", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT name, steps FROM funnel WHERE site_id = :site ORDER BY position")
        .bind("site", siteId)
        .map((rs, ctx) -> new Funnel(rs.getString("name"), steps(rs.getString("steps"))))
        .list()));
  }

  @Override
  public boolean addFunnel(String siteId, Funnel funnel) {
    String steps = json(funnel.steps());
    return Failures.call("add a funnel", () -> jdbi.inTransaction(h -> {
      if (exists(h, "funnel", siteId, funnel.name())) {
        return false;
      }
      h.createUpdate("INSERT INTO funnel (site_id, name, steps, position)"
              + " SELECT :site, :name, :steps, COALESCE(MAX(position), 0) + 1"
              + " FROM funnel WHERE site_id = :site")
          .bind("site", siteId)
          .bind("name", funnel.name())
          .bind("steps", steps)
          .execute();
      return true;
    }));
  }

  @Override
  public boolean deleteFunnel(String siteId, String name) {
    return delete("funnel", siteId, name);
  }

  private static boolean exists(Handle h, String table, String siteId, String name) {
    return h.createQuery("SELECT COUNT(*) FROM " + table
            + " WHERE site_id = :site AND name = :name")
        .bind("site", siteId)
        .bind("name", name)
        .mapTo(Long.class)
        .one() > 0;
  }

  private boolean delete(String table, String siteId, String name) {
    return Failures.call("delete a " + table, () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM " + table + " WHERE site_id = :site AND name = :name")
        .bind("site", siteId)
        .bind("name", name)
        .execute()) > 0);
  }

  private static String json(List<String> steps) {
    try {
      return JSON.writeValueAsString(steps);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unwritable funnel steps", e);
    }
  }

  private static List<String> steps(String json) {
    try {
      return JSON.readValue(json, STEPS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable funnel steps", e);
    }
  }
}
