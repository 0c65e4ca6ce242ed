package dev.footfall.testkit;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;

final class InMemoryStorageContractTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return InMemoryStorage.create();
  }
}
