package dev.footfall.memory;

import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EmailReportStore;
import dev.footfall.spi.EventPage;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.GoalStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.LogPositionConflictException;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Salt;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The reference {@link Storage}: everything in memory, nothing survives the JVM. Use it in tests and
 * experiments; it is what the SQL stores are compared against.
 *
 * <p>Thread-safe: every operation holds one lock, which also makes {@link #write} atomic and
 * serialises the writes of log positions.
 *
 * @since 0.1
 */
public final class InMemoryStorage implements Storage {
  private final Object lock = new Object();
  private final Map<String, Site> sites = new TreeMap<>();
  /** By id, in insertion order. */
  private final Map<Long, Event> events = new LinkedHashMap<>();
  private final Map<Long, Session> sessions = new HashMap<>();
  /** Engagements, apart from the events, in insertion order. */
  private final List<Event> engagements = new ArrayList<>();
  private final TreeMap<LocalDate, Salt> salts = new TreeMap<>();
  private long nextEventId = 1;

  private final SiteStore siteStore = new Sites();
  private final EventStore eventStore = new Events();
  private final SessionStore sessionStore = new Sessions();
  private final SaltStore saltStore = new Salts();
  private final AggregateStore aggregateStore = new InMemoryAggregates(this);
  private final RollupStore rollupStore = new InMemoryRollups(this);
  private final LeaseStore leaseStore = new Leases();
  private final GoalStore goalStore = new InMemoryGoals();
  private final InMemoryEmailReports emailReportStore = new InMemoryEmailReports();
  private final InMemorySharedLinks sharedLinkStore = new InMemorySharedLinks();
  private final InMemoryImports importStore = new InMemoryImports();
  private final Map<String, Lease> leases = new HashMap<>();
  /** The stored position of each event log partition. */
  private final Map<String, Long> logPositions = new HashMap<>();

  private InMemoryStorage() {}

  /** Creates an empty store. */
  public static InMemoryStorage create() {
    return new InMemoryStorage();
  }

  @Override
  public SiteStore sites() {
    return siteStore;
  }

  @Override
  public EventStore events() {
    return eventStore;
  }

  @Override
  public SessionStore sessions() {
    return sessionStore;
  }

  @Override
  public SaltStore salts() {
    return saltStore;
  }

  @Override
  public AggregateStore aggregates() {
    return aggregateStore;
  }

  @Override
  public RollupStore rollups() {
    return rollupStore;
  }

  @Override
  public GoalStore goals() {
    return goalStore;
  }

  @Override
  public SharedLinkStore sharedLinks() {
    return sharedLinkStore;
  }

  @Override
  public ImportStore imports() {
    return importStore;
  }

  @Override
  public EmailReportStore emailReports() {
    return emailReportStore;
  }

  @Override
  public LeaseStore leases() {
    return leaseStore;
  }

  /** Returns a site's events with {@code from <= timestamp < to}, in no particular order. */
  List<Event> eventsOf(String siteId, Instant from, Instant to) {
    synchronized (lock) {
      return events.values().stream()
          .filter(e -> e.siteId().equals(siteId))
          .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
          .collect(Collectors.toList());
    }
  }

  /** Returns a site's engagements with {@code from <= timestamp < to}, in no particular order. */
  List<Event> engagementsOf(String siteId, Instant from, Instant to) {
    synchronized (lock) {
      return engagements.stream()
          .filter(e -> e.siteId().equals(siteId))
          .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
          .collect(Collectors.toList());
    }
  }

  /** Returns the id of the event stored last, or 0. */
  long lastEventId() {
    synchronized (lock) {
      return nextEventId - 1;
    }
  }

  /** Returns the stored sessions of these events, by session id. */
  Map<Long, Session> sessionsOf(List<Event> of) {
    Map<Long, Session> found = new HashMap<>();
    synchronized (lock) {
      for (Event event : of) {
        Session session = sessions.get(event.sessionId());
        if (session != null) {
          found.put(session.sessionId(), session);
        }
      }
    }
    return found;
  }

  @Override
  public void write(List<Event> newEvents, Collection<Session> newSessions) {
    write(newEvents, newSessions, List.of());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if two positions name one partition
   */
  @Override
  public void write(List<Event> newEvents, Collection<Session> newSessions,
      Collection<LogPosition> positions) {
    synchronized (lock) {
      // Every position is checked before anything is stored, so that a conflict stores nothing.
      Set<String> partitions = new HashSet<>();
      for (LogPosition position : positions) {
        if (!partitions.add(position.partition())) {
          throw new IllegalArgumentException("positions must name each partition once but named '"
              + position.partition() + "' twice");
        }
        Long stored = logPositions.get(position.partition());
        boolean expected = position.from() == LogPosition.NONE ? stored == null
            : stored != null && stored == position.from();
        if (!expected) {
          throw new LogPositionConflictException(position.partition());
        }
      }
      for (LogPosition position : positions) {
        logPositions.put(position.partition(), position.to());
      }
      for (Event event : newEvents) {
        if (event.type() == EventType.ENGAGEMENT) {
          engagements.add(event);
          continue;
        }
        long id = nextEventId++;
        events.put(id, event.toBuilder().id(id).build());
      }
      for (Session session : newSessions) {
        sessions.merge(session.sessionId(), session,
            (stored, given) -> Session.isNewer(stored, given) ? stored : given);
      }
    }
  }

  @Override
  public Map<String, Long> logPositions(Collection<String> partitions) {
    Map<String, Long> found = new HashMap<>();
    synchronized (lock) {
      for (String partition : partitions) {
        Long stored = logPositions.get(partition);
        if (stored != null) {
          found.put(partition, stored);
        }
      }
    }
    return found;
  }

  @Override
  public void close() {}

  private final class Sites implements SiteStore {
    @Override
    public void save(Site site) {
      synchronized (lock) {
        sites.put(site.id(), site);
      }
    }

    @Override
    public Optional<Site> find(String id) {
      synchronized (lock) {
        return Optional.ofNullable(sites.get(id));
      }
    }

    @Override
    public List<Site> list() {
      synchronized (lock) {
        return List.copyOf(sites.values());
      }
    }

    @Override
    public boolean delete(String id) {
      synchronized (lock) {
        engagements.removeIf(e -> e.siteId().equals(id));
        sharedLinkStore.deleteSite(id);
        emailReportStore.deleteSite(id);
        importStore.deleteSite(id);
        return sites.remove(id) != null;
      }
    }
  }

  private final class Events implements EventStore {
    @Override
    public List<Event> list(String siteId, Instant from, Instant to, int offset, int limit) {
      return eventsOf(siteId, from, to).stream()
          .sorted(Comparator.comparing(Event::timestamp).thenComparing(e -> e.id().orElseThrow()))
          .skip(offset)
          .limit(limit)
          .collect(Collectors.toList());
    }

    @Override
    public long count(String siteId, Instant from, Instant to) {
      return eventsOf(siteId, from, to).size();
    }

    @Override
    public Optional<Event> find(long id) {
      synchronized (lock) {
        return Optional.ofNullable(events.get(id));
      }
    }

    @Override
    public EventPage search(EventQuery query) {
      List<Event> matching;
      synchronized (lock) {
        matching = events.values().stream().filter(query::matches).collect(Collectors.toList());
      }
      List<Event> page = matching.stream()
          .sorted(Comparator.comparing(Event::timestamp).thenComparing(e -> e.id().orElseThrow()))
          .skip(query.offset())
          .limit(query.limit())
          .collect(Collectors.toList());
      return new EventPage(page, matching.size());
    }

    @Override
    public boolean update(Event event) {
      long id = event.id().orElseThrow(
          () -> new IllegalArgumentException("event must have an id but was " + event));
      synchronized (lock) {
        Event stored = events.get(id);
        if (stored == null) {
          return false;
        }
        events.put(id, stored.toBuilder().name(event.name()).pathname(event.pathname())
            .props(event.props()).build());
        return true;
      }
    }

    @Override
    public boolean delete(long id) {
      synchronized (lock) {
        return events.remove(id) != null;
      }
    }

    @Override
    public int deleteBefore(Instant before, int limit) {
      synchronized (lock) {
        return removeUpTo(events.values(), e -> e.timestamp().isBefore(before), limit);
      }
    }

    @Override
    public int deleteEngagementsBefore(Instant before, int limit) {
      synchronized (lock) {
        return removeUpTo(engagements, e -> e.timestamp().isBefore(before), limit);
      }
    }
  }

  /** Removes up to {@code limit} values that match, returning how many it removed. */
  private static <T> int removeUpTo(Collection<T> values, Predicate<T> matches, int limit) {
    int removed = 0;
    for (Iterator<T> it = values.iterator(); it.hasNext() && removed < limit; ) {
      if (matches.test(it.next())) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  private final class Sessions implements SessionStore {
    @Override
    public int endInactive(Instant before) {
      synchronized (lock) {
        int ended = 0;
        for (Map.Entry<Long, Session> entry : sessions.entrySet()) {
          Session session = entry.getValue();
          if (session.endedAt().isEmpty() && session.lastActivityAt().isBefore(before)) {
            entry.setValue(session.toBuilder().endedAt(session.lastActivityAt()).build());
            ended++;
          }
        }
        return ended;
      }
    }

    @Override
    public int deleteEndedBefore(Instant before, int limit) {
      synchronized (lock) {
        return removeUpTo(sessions.values(),
            s -> s.endedAt().isPresent() && s.lastActivityAt().isBefore(before), limit);
      }
    }

    @Override
    public Optional<Session> find(long sessionId) {
      synchronized (lock) {
        return Optional.ofNullable(sessions.get(sessionId));
      }
    }

    @Override
    public List<Session> list(String siteId, Instant from, Instant to) {
      synchronized (lock) {
        return sessions.values().stream()
            .filter(s -> s.siteId().equals(siteId))
            .filter(s -> !s.startedAt().isBefore(from) && s.startedAt().isBefore(to))
            .sorted(Comparator.comparing(Session::startedAt).thenComparing(Session::sessionId))
            .collect(Collectors.toList());
      }
    }

    @Override
    public List<Session> findActive(Instant since) {
      synchronized (lock) {
        return sessions.values().stream()
            .filter(s -> s.endedAt().isEmpty() && !s.lastActivityAt().isBefore(since))
            .collect(Collectors.toList());
      }
    }
  }

  private final class Salts implements SaltStore {
    @Override
    public Salt getOrCreate(LocalDate day, byte[] candidate) {
      synchronized (lock) {
        return salts.computeIfAbsent(day, d -> new Salt(d, candidate));
      }
    }

    @Override
    public List<Salt> list() {
      synchronized (lock) {
        return List.copyOf(salts.values());
      }
    }

    @Override
    public int deleteBefore(LocalDate day) {
      synchronized (lock) {
        Map<LocalDate, Salt> old = salts.headMap(day);
        int count = old.size();
        old.clear();
        return count;
      }
    }
  }

  private record Lease(String owner, Instant expiresAt) {}

  private final class Leases implements LeaseStore {
    @Override
    public boolean tryAcquire(String name, String owner, Instant now, Duration ttl) {
      synchronized (lock) {
        Lease current = leases.get(name);
        if (current != null && !current.owner().equals(owner)
            && !current.expiresAt().isBefore(now)) {
          return false;
        }
        leases.put(name, new Lease(owner, now.plus(ttl)));
        return true;
      }
    }

    @Override
    public void release(String name, String owner) {
      synchronized (lock) {
        leases.computeIfPresent(name, (n, lease) -> lease.owner().equals(owner) ? null : lease);
      }
    }
  }
}
