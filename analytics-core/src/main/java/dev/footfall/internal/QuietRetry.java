package dev.footfall.internal;

import dev.footfall.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run every second or so whose failures are reported once per outage, not on every run:
 * the first failure goes to the {@link ErrorListener}, later ones are only counted, and the first
 * run that succeeds again logs how many failed. A database that is down for a minute then gives
 * two log lines, not sixty warnings. Run by one scheduler thread at a time.
 */
public final class QuietRetry implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(QuietRetry.class);

  private final String operation;
  private final Runnable task;
  private final ErrorListener errors;
  private long failedRuns;

  /**
   * @param operation what the task does, for the report, such as {@code "refresh sites"}
   */
  public QuietRetry(String operation, Runnable task, ErrorListener errors) {
    this.operation = operation;
    this.task = task;
    this.errors = errors;
  }

  @Override
  public void run() {
    try {
      task.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (failedRuns++ == 0) {
        errors.onError(operation, e);
      }
      return;
    }
    if (failedRuns > 0) {
      LOG.info("footfall: {} works again after {} failed runs", operation, failedRuns);
      failedRuns = 0;
    }
  }
}
