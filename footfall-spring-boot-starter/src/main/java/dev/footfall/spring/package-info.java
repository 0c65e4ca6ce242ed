/**
 * Spring Boot 3 auto-configuration for Footfall: an {@link dev.footfall.Analytics} bean over the
 * application's {@code DataSource} (or embedded H2), {@link dev.footfall.servlet.AnalyticsFilter}
 * mounted at {@code /*}, and every setting under {@code footfall.*} ({@link
 * dev.footfall.spring.FootfallProperties}). Any of the beans the application defines itself wins.
 */
package dev.footfall.spring;
