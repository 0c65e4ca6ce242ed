/**
 * Not API: code the databases call back into. It may change in any release.
 */
package dev.footfall.jdbc.internal;
