package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.ReportContract;
import java.util.UUID;

/** The differential report test on an embedded H2 database. */
final class H2ReportContractTest extends ReportContract {
  @Override
  protected Storage newStorage() {
    return JdbiStorage.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
  }
}
