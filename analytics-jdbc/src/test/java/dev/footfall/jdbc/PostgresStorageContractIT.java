package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on PostgreSQL, in a fresh schema for the class, emptied for each test. */
final class PostgresStorageContractIT extends StorageContract {
  private static ClassDatabase database;

  @BeforeAll
  static void createSchema() {
    database = ClassDatabase.open(TestDatabases.postgres());
  }

  @AfterAll
  static void dropSchema() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected Storage newStorage() {
    return database.emptied();
  }
}
