package dev.footfall.duckdb;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;

final class DuckDbStorageContractTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return DuckDbStorage.inMemory();
  }
}
