package dev.footfall.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a group key (a dimension value or a time bucket) from a result column. */
@FunctionalInterface
interface KeyReader<K> {
  K read(ResultSet rs, String column) throws SQLException;
}
