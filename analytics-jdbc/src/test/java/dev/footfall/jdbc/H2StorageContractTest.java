package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.StorageContract;
import java.util.UUID;

final class H2StorageContractTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return JdbiStorage.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
  }
}
