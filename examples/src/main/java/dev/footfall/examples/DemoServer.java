package dev.footfall.examples;

import dev.footfall.Analytics;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.HttpSettings;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The demo website on embedded Jetty 12, with Footfall's endpoints mounted at {@code /}. */
public final class DemoServer implements AutoCloseable {
  private final Server server;

  /**
   * Starts the server.
   *
   * @param host the address to listen on
   * @param port the port, or 0 for any free port
   */
  public DemoServer(Analytics analytics, HttpSettings settings, String host, int port)
      throws Exception {
    server = new Server(new InetSocketAddress(host, port));
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new AnalyticsFilter(analytics, settings)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new SiteServlet()), "/");
    server.setHandler(context);
    server.setStopAtShutdown(false);
    server.start();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the demo server", e);
    }
  }
}
