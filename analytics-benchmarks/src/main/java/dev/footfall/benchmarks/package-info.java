/** JMH benchmarks. Not API, not deployed. */
package dev.footfall.benchmarks;
