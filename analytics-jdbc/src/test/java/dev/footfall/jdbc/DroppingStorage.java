package dev.footfall.jdbc;

import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A {@link JdbiStorage} on a fresh test database that drops the database when closed. */
final class DroppingStorage implements Storage {
  private final TestDatabases.Fresh database;
  private final JdbiStorage storage;

  DroppingStorage(TestDatabases.Fresh database) {
    this.database = database;
    this.storage = database.open();
  }

  JdbiStorage jdbc() {
    return storage;
  }

  @Override
  public SiteStore sites() {
    return storage.sites();
  }

  @Override
  public EventStore events() {
    return storage.events();
  }

  @Override
  public SessionStore sessions() {
    return storage.sessions();
  }

  @Override
  public SaltStore salts() {
    return storage.salts();
  }

  @Override
  public AggregateStore aggregates() {
    return storage.aggregates();
  }

  @Override
  public RollupStore rollups() {
    return storage.rollups();
  }

  @Override
  public LeaseStore leases() {
    return storage.leases();
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions) {
    storage.write(events, sessions);
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions,
      Collection<LogPosition> positions) {
    storage.write(events, sessions, positions);
  }

  @Override
  public Map<String, Long> logPositions(Collection<String> partitions) {
    return storage.logPositions(partitions);
  }

  @Override
  public void close() {
    storage.close();
    database.drop();
  }
}
