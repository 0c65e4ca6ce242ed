/**
 * Not API: the stages of Footfall's event pipeline and their helpers. Anything here may change in
 * any release. Public types are public only so that {@code dev.footfall} can wire them together.
 */
package dev.footfall.internal;
