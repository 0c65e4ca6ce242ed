package dev.footfall.jdbc;

/** {@link MonthRollupsContract} in a fresh MariaDB database. */
final class MariaDbMonthRollupsIT extends MonthRollupsContract {
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
