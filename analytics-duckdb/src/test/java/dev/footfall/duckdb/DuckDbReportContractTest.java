package dev.footfall.duckdb;

import dev.footfall.spi.Storage;
import dev.footfall.testkit.ReportContract;

/** The differential report test on an in-memory DuckDB database. */
final class DuckDbReportContractTest extends ReportContract {
  @Override
  protected Storage newStorage() {
    return DuckDbStorage.inMemory();
  }
}
