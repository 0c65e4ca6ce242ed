/**
 * Footfall's public API: build an {@link dev.footfall.Analytics} over a {@link dev.footfall.spi.Storage},
 * register {@link dev.footfall.Site sites}, and record events with {@link dev.footfall.Tracker#track}.
 *
 * <p>Every type in this package is safe for use by multiple threads unless its javadoc says otherwise.
 */
package dev.footfall;
