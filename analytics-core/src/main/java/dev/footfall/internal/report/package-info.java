/**
 * The report engine: how the counts behind a report are taken from a storage. {@code
 * dev.footfall.Reports} resolves a query's period and computes the metrics from counts; {@link
 * dev.footfall.internal.report.ReportCounting} decides once, when {@code Analytics} is built,
 * where those counts come from:
 *
 * <ul>
 *   <li><b>Raw events</b>, on a storage that {@linkplain
 *       dev.footfall.spi.Storage#countsRawEventsFast() counts them fast}, or with rollups
 *       turned off: every report is one query of the storage's {@link
 *       dev.footfall.spi.AggregateStore} (SQL for a database). Nothing is rolled up or held.
 *   <li><b>Rollups</b>, on every storage of Footfall's (H2, PostgreSQL, MariaDB, DuckDB, memory):
 *       {@link dev.footfall.internal.report.RollupAggregates} sums the rolled-up days (which
 *       {@code dev.footfall.Rollups} makes) and counts the days not rolled up yet, today mostly,
 *       from raw events held in memory ({@link dev.footfall.internal.report.RawDays}, each day counted by a
 *       {@link dev.footfall.internal.report.DayAggregator}); {@link
 *       dev.footfall.internal.report.RecurringRuns} corrects the sums for visitor ids that recur on
 *       days that are not adjacent. What rollups cannot answer (several filters, {@code is_not},
 *       {@code contains}, props, hours) falls through to the storage's {@code AggregateStore}: SQL, fast in a column store
 *       (DuckDB), slow over many days in a row store.
 * </ul>
 */
package dev.footfall.internal.report;
