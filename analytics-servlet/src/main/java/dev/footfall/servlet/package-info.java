/**
 * Footfall over HTTP: the public tracking endpoints and the client script, served by a
 * framework-neutral {@link dev.footfall.servlet.AnalyticsHandler} over a tiny {@link
 * dev.footfall.servlet.HttpExchange}, with Jakarta Servlet 6 adapters ({@link
 * dev.footfall.servlet.AnalyticsServlet}, {@link dev.footfall.servlet.AnalyticsFilter}).
 */
package dev.footfall.servlet;
