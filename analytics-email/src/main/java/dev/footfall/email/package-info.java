/**
 * Email reports: {@link dev.footfall.email.EmailReportSender} composes each site's weekly and
 * monthly summary and sends it through SMTP with Jakarta Mail to the recipients managed with
 * {@link dev.footfall.EmailReports}, as a {@link dev.footfall.ScheduledTask} of Footfall's job
 * scheduler.
 *
 * <p>Every type in this package is safe for use by multiple threads unless its javadoc says
 * otherwise.
 */
package dev.footfall.email;
