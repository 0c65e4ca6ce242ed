/** The in-memory reference implementation of the storage SPI, for tests and experiments. */
package dev.footfall.memory;
