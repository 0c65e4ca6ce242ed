package dev.footfall.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OutageLogContract} on H2 in server mode (a file database behind H2's TCP server, in this
 * JVM): the server is stopped while writes flow, which breaks the pool's connections, and started
 * again on the same port. H2's own log, the database's {@code .trace.db} file, is searched too.
 */
final class H2OutageLogTest extends OutageLogContract {
  @TempDir
  Path dir;

  @Override
  protected Outage outage() throws SQLException {
    return new Outage() {
      private Server server = start("0");
      private final int port = server.getPort();

      private Server start(String port) throws SQLException {
        return Server.createTcpServer("-tcpPort", port, "-baseDir", dir.toString(), "-ifNotExists")
            .start();
      }

      @Override
      public JdbiStorage open() {
        return JdbiStorage.pooled("jdbc:h2:tcp://127.0.0.1:" + port + "/footfall", "", "");
      }

      @Override
      public void begin() {
        server.stop();
      }

      @Override
      public void strike() {
        // the stopped server broke every connection
      }

      @Override
      public void end() throws SQLException {
        server = start(Integer.toString(port));
      }

      @Override
      public List<String> evidence() {
        return List.of("events (org.h2.jdbc.Jdbc");
      }

      @Override
      public String databaseLog() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> traces = files.filter(f -> f.toString().endsWith(".trace.db")).toList();
          StringBuilder text = new StringBuilder();
          for (Path trace : traces) {
            text.append(Files.readString(trace, StandardCharsets.UTF_8));
          }
          return text.toString();
        }
      }

      @Override
      public void close() {
        server.stop();
      }
    };
  }
}
