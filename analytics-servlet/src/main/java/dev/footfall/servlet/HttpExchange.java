package dev.footfall.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One HTTP request and its response, as {@link AnalyticsHandler} needs them. Implement it to serve
 * Footfall from any HTTP framework; {@link AnalyticsServlet} and {@link AnalyticsFilter} implement
 * it over Jakarta Servlet. An exchange is used by one thread.
 *
 * @since 0.1
 */
public interface HttpExchange {

  /** Returns the request method in upper case, such as {@code POST}. */
  String method();

  /** Returns the request path relative to where Footfall is mounted, starting with {@code /}. */
  String path();

  /**
   * Returns the raw (still URL-encoded) query string without the {@code ?}, or {@code ""} if there
   * is none. The admin API reads its parameters from it.
   */
  default String query() {
    return "";
  }

  /**
   * Returns whether the request came over HTTPS, so that a cookie Footfall sets (a shared link's
   * pass) is marked {@code Secure}. The default, {@code false}, suits plain HTTP.
   *
   * @since 0.4
   */
  default boolean secure() {
    return false;
  }

  /** Returns a request header's value, or {@code null} if absent. */
  String requestHeader(String name);

  /** Returns the address of the peer that sent the request (the socket's remote address). */
  String remoteAddress();

  /** Returns the declared length of the request body, or -1 if unknown. */
  long contentLength();

  /**
   * Returns the request body. An {@code IOException} while reading it counts as an incomplete body:
   * one with a {@link java.util.concurrent.TimeoutException} or {@link
   * java.net.SocketTimeoutException} in its cause chain stopped arriving ({@code 408}), any other was
   * cut short ({@code 400}).
   */
  InputStream body() throws IOException;

  /** Sets a response header. Call before {@link #respond}. */
  void responseHeader(String name, String value);

  /**
   * Sends the response: status, content type (or {@code null} for none) and body.
   *
   * @throws IOException if the client went away
   */
  void respond(int status, String contentType, byte[] body) throws IOException;

  /**
   * Starts a response whose body is written as it is produced (a download that is not held in
   * memory whole): sets the status and content type and returns the body's stream, which the
   * caller closes. Set headers first. The default gathers the body and {@linkplain #respond
   * responds} when the stream is closed; {@link AnalyticsServlet} and {@link AnalyticsFilter} send
   * it as it is written.
   *
   * @throws IOException if the client went away
   * @since 0.4
   */
  default OutputStream respondStreaming(int status, String contentType) throws IOException {
    return new ByteArrayOutputStream() {
      private boolean closed;

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          respond(status, contentType, toByteArray());
        }
      }
    };
  }
}
