package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on MariaDB, in a fresh database for the class, emptied for each test. */
final class MariaDbStorageContractIT extends StorageContract {
  private static ClassDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = ClassDatabase.open(TestDatabases.mariadb());
  }

  @AfterAll
  static void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected Storage newStorage() {
    return database.emptied();
  }
}
