/**
 * The bundled, openly licensed IP-to-country database: {@link
 * dev.footfall.geoip.data.BundledCountryDatabase}.
 */
package dev.footfall.geoip.data;
