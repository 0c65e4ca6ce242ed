package dev.footfall.jdbc;

/** {@link MonthRollupsUpgrade} in a fresh MariaDB database. */
final class MariaDbMonthRollupsUpgradeIT extends MonthRollupsUpgrade {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.mariadb();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  protected String dayRollupsVersion() {
    return "3";
  }
}
