package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;

/** The storage contract on PostgreSQL, each test in a fresh schema. */
final class PostgresStorageContractIT extends StorageContract {
  @Override
  protected Storage newStorage() {
    return new DroppingStorage(TestDatabases.postgres());
  }
}
