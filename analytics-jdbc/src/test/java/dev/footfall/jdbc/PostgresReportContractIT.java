package dev.footfall.jdbc;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.ReportContract;

/** The differential report test on PostgreSQL, in a fresh schema. */
final class PostgresReportContractIT extends ReportContract {
  @Override
  protected Storage newStorage() {
    return new DroppingStorage(TestDatabases.postgres());
  }
}
