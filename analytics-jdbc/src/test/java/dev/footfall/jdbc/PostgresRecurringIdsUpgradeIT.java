package dev.footfall.jdbc;

/** {@link RecurringIdsUpgradeContract} on a fresh PostgreSQL schema. */
final class PostgresRecurringIdsUpgradeIT extends RecurringIdsUpgradeContract {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  protected String beforeRecurringIdsVersion() {
    return "5";
  }
}
