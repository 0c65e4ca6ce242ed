package dev.footfall.spi;

import dev.footfall.Funnel;
import dev.footfall.Goal;
import java.util.List;

/**
 * Stores each site's goals and funnels. Thread-safe; failures throw {@link
 * dev.footfall.StorageException}.
 *
 * @since 0.3
 */
public interface GoalStore {

  /** Returns the site's goals, in the order they were added. */
  List<Goal> goals(String siteId);

  /**
   * Adds a goal to the site.
   *
   * @return false, storing nothing, if the site has a goal of that name
   */
  boolean addGoal(String siteId, Goal goal);

  /**
   * Removes the site's goal of that name.
   *
   * @return whether there was one
   */
  boolean deleteGoal(String siteId, String name);

  /** Returns the site's funnels, in the order they were added. */
  List<Funnel> funnels(String siteId);

  /**
   * Adds a funnel to the site.
   *
   * @return false, storing nothing, if the site has a funnel of that name
   */
  boolean addFunnel(String siteId, Funnel funnel);

  /**
   * Removes the site's funnel of that name.
   *
   * @return whether there was one
   */
  boolean deleteFunnel(String siteId, String name);
}
