package dev.footfall;

import dev.footfall.spi.GoalStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Manages each site's {@linkplain Goal goals} and {@linkplain Funnel funnels}. Obtain it from
 * {@link Analytics#goals()}; the admin API adapts it to HTTP. Changes apply to the next report, on
 * every instance sharing the storage. Thread-safe. On a storage that stores no goals ({@link
 * dev.footfall.spi.Storage#goals()}) every method throws {@link UnsupportedOperationException}.
 *
 * @since 0.3
 */
public final class Goals {
  private final SiteRegistry sites;
  private final GoalStore store;

  /** @param store the storage's goal store, or null if it stores none */
  Goals(SiteRegistry sites, GoalStore store) {
    this.sites = sites;
    this.store = store;
  }

  /**
   * Returns the site's goals, in the order they were added.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public List<Goal> list(String siteId) {
    return store().goals(site(siteId));
  }

  /**
   * Returns the site's goal of that name, if it has one.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public Optional<Goal> find(String siteId, String name) {
    Objects.requireNonNull(name, "name");
    return list(siteId).stream().filter(goal -> goal.name().equals(name)).findFirst();
  }

  /**
   * Adds a goal to the site.
   *
   * @throws IllegalArgumentException if the site has a goal of that name
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public void add(String siteId, Goal goal) {
    Objects.requireNonNull(goal, "goal");
    if (!store().addGoal(site(siteId), goal)) {
      throw new IllegalArgumentException("site '" + siteId + "' already has a goal named '"
          + goal.name() + "'");
    }
  }

  /**
   * Removes the site's goal of that name.
   *
   * @return whether there was one
   * @throws IllegalArgumentException if a funnel of the site has the goal as a step
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public synchronized boolean delete(String siteId, String name) {
    Objects.requireNonNull(name, "name");
    for (Funnel funnel : funnels(siteId)) {
      if (funnel.steps().contains(name)) {
        throw new IllegalArgumentException("goal '" + name + "' is a step of funnel '"
            + funnel.name() + "'; delete the funnel first");
      }
    }
    return store().deleteGoal(siteId, name);
  }

  /**
   * Returns the site's funnels, in the order they were added.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public List<Funnel> funnels(String siteId) {
    return store().funnels(site(siteId));
  }

  /**
   * Returns the site's funnel of that name, if it has one.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public Optional<Funnel> findFunnel(String siteId, String name) {
    Objects.requireNonNull(name, "name");
    return funnels(siteId).stream().filter(funnel -> funnel.name().equals(name)).findFirst();
  }

  /**
   * Adds a funnel to the site.
   *
   * @throws IllegalArgumentException if a step names no goal of the site, or the site has a
   *     funnel of that name
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public synchronized void addFunnel(String siteId, Funnel funnel) {
    Objects.requireNonNull(funnel, "funnel");
    List<String> goals = list(siteId).stream().map(Goal::name).toList();
    for (String step : funnel.steps()) {
      if (!goals.contains(step)) {
        throw new IllegalArgumentException("funnel step '" + step + "' is not a goal of site '"
            + siteId + "'; add the goal first");
      }
    }
    if (!store().addFunnel(siteId, funnel)) {
      throw new IllegalArgumentException("site '" + siteId + "' already has a funnel named '"
          + funnel.name() + "'");
    }
  }

  /**
   * Removes the site's funnel of that name.
   *
   * @return whether there was one
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public boolean deleteFunnel(String siteId, String name) {
    Objects.requireNonNull(name, "name");
    return store().deleteFunnel(site(siteId), name);
  }

  /**
   * Returns the site's goal of that name, or empty also when the storage stores no goals (a goal
   * name then stands for a custom event of that name).
   */
  Optional<Goal> findIfStored(String siteId, String name) {
    return store == null ? Optional.empty() : find(siteId, name);
  }

  private GoalStore store() {
    if (store == null) {
      throw new UnsupportedOperationException("the storage does not store goals and funnels");
    }
    return store;
  }

  private String site(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    if (sites.find(siteId).isEmpty()) {
      throw new UnknownSiteException(siteId);
    }
    return siteId;
  }
}
