package dev.footfall.jdbc;

/** {@link RecurringIdsUpgradeContract} on a fresh MariaDB database. */
final class MariaDbRecurringIdsUpgradeIT extends RecurringIdsUpgradeContract {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.mariadb();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  protected String beforeRecurringIdsVersion() {
    return "5";
  }
}
