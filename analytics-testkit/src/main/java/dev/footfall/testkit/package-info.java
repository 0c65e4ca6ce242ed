/**
 * Test support for Footfall and its storage backends: {@link dev.footfall.testkit.StorageContract},
 * the behaviour every {@link dev.footfall.spi.Storage} must have, and {@link
 * dev.footfall.testkit.MutableClock}.
 */
package dev.footfall.testkit;
