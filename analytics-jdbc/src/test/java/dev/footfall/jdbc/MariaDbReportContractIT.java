package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.ReportContract;

/** The differential report test on MariaDB, in a fresh database. */
final class MariaDbReportContractIT extends ReportContract {
  @Override
  protected Storage newStorage() {
    return new DroppingStorage(TestDatabases.mariadb());
  }
}
