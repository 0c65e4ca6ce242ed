package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;

/** The storage contract on MariaDB, each test in a fresh database. */
final class MariaDbStorageContractIT extends StorageContract {
  @Override
  protected Storage newStorage() {
    return new DroppingStorage(TestDatabases.mariadb());
  }
}
