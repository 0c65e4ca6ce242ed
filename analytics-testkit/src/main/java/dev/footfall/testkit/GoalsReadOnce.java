package dev.footfall.testkit;

import dev.footfall.Funnel;
import dev.footfall.Goal;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.GoalStore;
import dev.footfall.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A storage whose goals and funnels of a site are read from its goal store once, and again only
 * after one of them changed. Every report with a goal reads the site's goals, and the contract
 * asks thousands of reports of goals set up before the first: reading the same rows for each was
 * a fifth of its time on DuckDB, and checks nothing that the first read does not (each site's
 * goals and funnels are still added through the store and read back from it).
 */
final class GoalsReadOnce extends ForwardingStorage {
  private final GoalStore goals;

  GoalsReadOnce(Storage storage) {
    super(storage);
    GoalStore store;
    try {
      store = storage.goals();
    } catch (UnsupportedOperationException e) {
      store = null; // a storage without goals: goals() throws as its own does
    }
    this.goals = store == null ? null : readOnce(store);
  }

  @Override
  public GoalStore goals() {
    return goals == null ? super.goals() : goals;
  }

  private static GoalStore readOnce(GoalStore store) {
    Map<String, List<Goal>> goalsOf = new ConcurrentHashMap<>();
    Map<String, List<Funnel>> funnelsOf = new ConcurrentHashMap<>();
    return new GoalStore() {
      @Override
      public List<Goal> goals(String siteId) {
        return goalsOf.computeIfAbsent(siteId, site -> List.copyOf(store.goals(site)));
      }

      @Override
      public boolean addGoal(String siteId, Goal goal) {
        boolean changed = store.addGoal(siteId, goal);
        goalsOf.remove(siteId);
        return changed;
      }

      @Override
      public boolean deleteGoal(String siteId, String name) {
        boolean changed = store.deleteGoal(siteId, name);
        goalsOf.remove(siteId);
        return changed;
      }

      @Override
      public List<Funnel> funnels(String siteId) {
        return funnelsOf.computeIfAbsent(siteId,
            site -> List.copyOf(store.funnels(site)));
      }

      @Override
      public boolean addFunnel(String siteId, Funnel funnel) {
        boolean changed = store.addFunnel(siteId, funnel);
        funnelsOf.remove(siteId);
        return changed;
      }

      @Override
      public boolean deleteFunnel(String siteId, String name) {
        boolean changed = store.deleteFunnel(siteId, name);
        funnelsOf.remove(siteId);
        return changed;
      }
    };
  }
}
