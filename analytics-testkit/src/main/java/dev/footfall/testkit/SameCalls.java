package dev.footfall.testkit;

import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.Selection;
import dev.footfall.spi.Storage;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The raw aggregate calls of one comparison that both storages under test were asked: the
 * rolled-up one passes whatever its rollups cannot answer (other filters, a goal, props, groupings,
 * funnels, revenue) to its raw store with the very selection the raw one asked its store, and both
 * stores are the same storage with the same events and sessions (the rolled-up one's sessions
 * ended, which no count reads). Running that SQL a second time checks nothing new, and was about
 * half of the contract's time; so the answers the raw storage gave are {@linkplain #recording
 * recorded}, and the same call of the rolled-up one within the comparison is {@linkplain #reuse
 * answered} from them (and so is a site's first event, which both look up). Calls that differ (the
 * rollup path's own: the days not rolled up, today's events, the recurring visitors) still go to
 * the store, and every answer is still compared with the reference.
 */
final class SameCalls {
  private final Map<List<Object>, Object> answers = new HashMap<>();
  private boolean open;

  /** Starts a comparison: answers recorded from now on may be reused until {@link #end()}. */
  synchronized void begin() {
    answers.clear();
    open = true;
  }

  /** Ends the comparison, forgetting its answers. */
  synchronized void end() {
    answers.clear();
    open = false;
  }

  /** Returns the storage with the answers of its raw aggregates recorded during a comparison. */
  Storage recording(Storage storage) {
    AggregateStore raw = storage.aggregates();
    AggregateStore recorded = new AggregateStore() {
      @Override
      public Counts total(Selection selection) {
        return record(raw.total(selection), "total", selection);
      }

      @Override
      public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
          int limit) {
        return record(raw.breakdown(selection, dimension, offset, limit), "breakdown", selection,
            dimension, offset, limit);
      }

      @Override
      public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
        return record(raw.timeseries(selection, buckets), "timeseries", selection, buckets);
      }

      @Override
      public Map<GroupKey, Counts> groups(Selection selection, List<Dimension> dimensions,
          Optional<TimeBuckets> buckets) {
        return record(raw.groups(selection, dimensions, buckets), "groups", selection, dimensions,
            buckets);
      }

      @Override
      public long visitors(Selection selection) {
        return record(raw.visitors(selection), "visitors", selection);
      }

      @Override
      public Map<Long, Long> pageviews(Selection selection, TimeBuckets buckets) {
        return record(raw.pageviews(selection, buckets), "pageviews", selection, buckets);
      }

      @Override
      public RevenueSum revenue(Selection selection, Currency currency) {
        return record(raw.revenue(selection, currency), "revenue", selection, currency);
      }

      @Override
      public long[] funnel(Selection selection, List<Condition> steps) {
        return record(raw.funnel(selection, steps), "funnel", selection, steps);
      }

      @Override
      public Map<String, Long> propKeys(Selection selection) {
        return record(raw.propKeys(selection), "propKeys", selection);
      }

      @Override
      public Map<String, EngagementSums> engagement(Selection selection,
          Collection<String> pages) {
        return record(raw.engagement(selection, pages), "engagement", selection,
            new ArrayList<>(pages));
      }

      @Override
      public Optional<Instant> firstEvent(String siteId) {
        return record(raw.firstEvent(siteId), "firstEvent", siteId);
      }
    };
    return new ForwardingStorage(storage) {
      @Override
      public AggregateStore aggregates() {
        return recorded;
      }
    };
  }

  /**
   * Returns the recorded answer of the same call in this comparison, or else computes it.
   *
   * @param call the method's name and its arguments
   */
  <T> T reuse(Supplier<T> compute, Object... call) {
    Object answer;
    synchronized (this) {
      answer = open ? answers.get(Arrays.asList(call)) : null;
    }
    @SuppressWarnings("unchecked")
    T reused = (T) answer;
    return reused == null ? compute.get() : copy(reused);
  }

  private <T> T record(T answer, Object... call) {
    synchronized (this) {
      if (open) {
        answers.put(Arrays.asList(call), copy(answer));
      }
    }
    return answer;
  }

  /** Returns a copy of a map or array answer (the others are immutable), kept in its order. */
  @SuppressWarnings("unchecked")
  private static <T> T copy(T answer) {
    if (answer instanceof Map<?, ?> map) {
      return (T) new LinkedHashMap<>(map);
    }
    if (answer instanceof long[] counts) {
      return (T) counts.clone();
    }
    return answer;
  }
}
