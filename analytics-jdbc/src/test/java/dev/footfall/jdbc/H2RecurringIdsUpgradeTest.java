package dev.footfall.jdbc;

/** {@link RecurringIdsUpgradeContract} on an in-memory H2 database. */
final class H2RecurringIdsUpgradeTest extends RecurringIdsUpgradeContract {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.h2();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  protected String beforeRecurringIdsVersion() {
    return "6";
  }
}
