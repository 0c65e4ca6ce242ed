package dev.footfall.spi;

import dev.footfall.Event;
import dev.footfall.Session;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Storage} that forwards every call to another: a wrapper overrides only what it changes
 * (a write that also measures, a close that also drops a test database). It forwards the methods
 * that have defaults too, so that a wrapper never answers with a default where its delegate has
 * its own answer (log positions, say).
 *
 * @since 0.3
 */
public abstract class ForwardingStorage implements Storage {
  private final Storage delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingStorage(Storage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Returns the storage that calls are forwarded to. */
  protected Storage delegate() {
    return delegate;
  }

  @Override
  public SiteStore sites() {
    return delegate.sites();
  }

  @Override
  public EventStore events() {
    return delegate.events();
  }

  @Override
  public SessionStore sessions() {
    return delegate.sessions();
  }

  @Override
  public SaltStore salts() {
    return delegate.salts();
  }

  @Override
  public AggregateStore aggregates() {
    return delegate.aggregates();
  }

  @Override
  public RollupStore rollups() {
    return delegate.rollups();
  }

  @Override
  public LeaseStore leases() {
    return delegate.leases();
  }

  @Override
  public GoalStore goals() {
    return delegate.goals();
  }

  @Override
  public SharedLinkStore sharedLinks() {
    return delegate.sharedLinks();
  }

  @Override
  public ImportStore imports() {
    return delegate.imports();
  }

  @Override
  public EmailReportStore emailReports() {
    return delegate.emailReports();
  }

  @Override
  public boolean countsRawEventsFast() {
    return delegate.countsRawEventsFast();
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions) {
    delegate.write(events, sessions);
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions,
      Collection<LogPosition> positions) {
    delegate.write(events, sessions, positions);
  }

  @Override
  public Map<String, Long> logPositions(Collection<String> partitions) {
    return delegate.logPositions(partitions);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
