package dev.footfall.memory;

import dev.footfall.Funnel;
import dev.footfall.Goal;
import dev.footfall.spi.GoalStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Each site's goals and funnels, in lists in the order they were added. */
final class InMemoryGoals implements GoalStore {
  private final Map<String, List<Goal>> goals = new HashMap<>();
  private final Map<String, List<Funnel>> funnels = new HashMap<>();

  @Override
  public synchronized List<Goal> goals(String siteId) {
    return List.copyOf(goals.getOrDefault(siteId, List.of()));
  }

  @Override
  public synchronized boolean addGoal(String siteId, Goal goal) {
    return add(goals, siteId, goal, Goal::name);
  }

  @Override
  public synchronized boolean deleteGoal(String siteId, String name) {
    return goals.getOrDefault(siteId, new ArrayList<>()).removeIf(goal -> goal.name().equals(name));
  }

  @Override
  public synchronized List<Funnel> funnels(String siteId) {
    return List.copyOf(funnels.getOrDefault(siteId, List.of()));
  }

  @Override
  public synchronized boolean addFunnel(String siteId, Funnel funnel) {
    return add(funnels, siteId, funnel, Funnel::name);
  }

  @Override
  public synchronized boolean deleteFunnel(String siteId, String name) {
    return funnels.getOrDefault(siteId, new ArrayList<>())
        .removeIf(funnel -> funnel.name().equals(name));
  }

  private static <T> boolean add(Map<String, List<T>> bySite, String siteId, T item,
      Function<T, String> name) {
    List<T> items = bySite.computeIfAbsent(siteId, id -> new ArrayList<>());
    if (items.stream().anyMatch(other -> name.apply(other).equals(name.apply(item)))) {
      return false;
    }
    return items.add(item);
  }
}
