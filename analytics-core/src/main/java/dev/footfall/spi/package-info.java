/**
 * The storage SPI: what a backend implements so that Footfall can keep sites, events, sessions and
 * salts in it. {@code analytics-jdbc} implements it over SQL databases; {@link
 * dev.footfall.memory.InMemoryStorage} is the reference implementation. The abstract contract tests in
 * {@code analytics-testkit} pin down the expected behaviour.
 *
 * <p>Threading: every method of every interface here may be called concurrently from several
 * threads; implementations must be thread-safe. Failures: methods throw {@link
 * dev.footfall.StorageException} (never a driver's exception), with messages that contain no event
 * payload; Footfall retries writes itself.
 */
package dev.footfall.spi;
