package dev.footfall.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged while it is open, from every thread: what is printed to {@code System.out} and
 * {@code System.err} (where the test classpath's SLF4J binding, slf4j-simple, writes: HikariCP,
 * MariaDB Connector/J, Flyway, Footfall's {@code ErrorListener}), and every {@code
 * java.util.logging} record (pgjdbc, H2 when routed there) at the levels configured by default. The
 * streams are still written through, so the test's output shows the log as usual.
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final Handler julHandler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      byte[] line = formatter.format(record).getBytes(StandardCharsets.UTF_8);
      captured.write(line, 0, line.length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture() {
    System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
    Logger.getLogger("").addHandler(julHandler);
  }

  /** Starts capturing. */
  static LogCapture start() {
    return new LogCapture();
  }

  /** Returns everything captured so far. */
  String text() {
    System.out.flush();
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(julHandler);
    System.out.flush();
    System.err.flush();
    System.setOut(out);
    System.setErr(err);
  }

  /** Writes to the original stream and to the capture. */
  private final class Tee extends OutputStream {
    private final PrintStream original;

    Tee(PrintStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      original.write(b);
      captured.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      captured.write(b, off, len);
    }

    @Override
    public void flush() {
      original.flush();
    }
  }
}
