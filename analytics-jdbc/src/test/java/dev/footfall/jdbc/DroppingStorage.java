package dev.footfall.jdbc;

import dev.footfall.spi.ForwardingStorage;

/** A {@link JdbiStorage} on a fresh test database that drops the database when closed. */
final class DroppingStorage extends ForwardingStorage {
  private final TestDatabases.Fresh database;
  private final JdbiStorage storage;

  DroppingStorage(TestDatabases.Fresh database) {
    this(database, database.open());
  }

  private DroppingStorage(TestDatabases.Fresh database, JdbiStorage storage) {
    super(storage);
    this.database = database;
    this.storage = storage;
  }

  JdbiStorage jdbc() {
    return storage;
  }

  @Override
  public void close() {
    storage.close();
    database.drop();
  }
}
