/**
 * The storage SPI over SQL databases: {@link dev.footfall.jdbc.JdbiStorage}, built on Jdbi 3 and
 * HikariCP, with the schema created and upgraded by Flyway migrations. Embedded H2 is the default.
 */
package dev.footfall.jdbc;
