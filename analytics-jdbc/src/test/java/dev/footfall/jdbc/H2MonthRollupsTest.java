package dev.footfall.jdbc;

/** {@link MonthRollupsContract} on an in-memory H2 database. */
final class H2MonthRollupsTest extends MonthRollupsContract {
  @Override
  protected TestDatabases.Fresh newDatabase() {
    return TestDatabases.h2();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  protected String dayRollupsVersion() {
    return "4";
  }
}
