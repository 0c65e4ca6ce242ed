package dev.footfall.jdbc;

/** {@link MonthRollupsUpgrade} in a fresh PostgreSQL schema. */
final class PostgresMonthRollupsUpgradeIT extends MonthRollupsUpgrade {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  protected String dayRollupsVersion() {
    return "3";
  }
}
