/**
 * Countries from MaxMind-format ({@code .mmdb}) databases: {@link dev.footfall.geoip.MmdbCountryLocator}
 * is a {@link dev.footfall.spi.GeoLocator} over GeoLite2 Country, DB-IP Lite Country,
 * ip-location-db or any compatible file.
 */
package dev.footfall.geoip;
