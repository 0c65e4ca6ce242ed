/**
 * The storage SPI on an embedded DuckDB database: {@link dev.footfall.duckdb.DuckDbStorage}, for
 * one application instance that owns its database file.
 */
package dev.footfall.duckdb;
