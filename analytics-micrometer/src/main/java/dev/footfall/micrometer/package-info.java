/**
 * Footfall's counters as Micrometer meters: {@link dev.footfall.micrometer.FootfallMetrics}.
 */
package dev.footfall.micrometer;
