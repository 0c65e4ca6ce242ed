package dev.footfall.jdbc;

/** {@link MonthRollupsContract} in a fresh PostgreSQL schema. */
final class PostgresMonthRollupsIT extends MonthRollupsContract {
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
