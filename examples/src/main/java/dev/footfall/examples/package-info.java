/** Runnable examples of Footfall: the demo and its sample-traffic generator. Not API. */
package dev.footfall.examples;
