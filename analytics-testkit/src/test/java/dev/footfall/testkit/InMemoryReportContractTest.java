package dev.footfall.testkit;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;

/** The differential report test on the in-memory store: its rollups against its raw events. */
final class InMemoryReportContractTest extends ReportContract {
  @Override
  protected Storage newStorage() {
    return InMemoryStorage.create();
  }
}
