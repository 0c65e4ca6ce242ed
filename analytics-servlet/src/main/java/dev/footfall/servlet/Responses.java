package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The JSON and plain responses the endpoints send. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_TYPE = "application/json";
  private static final byte[] LEGACY_OK =
      "{\"success\":true,\"message\":\"Event tracked\"}".getBytes(UTF_8);

  private Responses() {}

  /** Lets pages on any origin post events and load the script; no credentials are involved. */
  static void cors(HttpExchange exchange) {
    exchange.responseHeader("Access-Control-Allow-Origin", "*");
  }

  static void preflight(HttpExchange exchange, String methods) throws IOException {
    cors(exchange);
    exchange.responseHeader("Access-Control-Allow-Methods", methods);
    exchange.responseHeader("Access-Control-Allow-Headers", "Content-Type");
    exchange.responseHeader("Access-Control-Max-Age", "86400");
    exchange.respond(204, null, new byte[0]);
  }

  static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    exchange.responseHeader("Allow", allowed);
    error(exchange, 405, "method " + exchange.method() + " is not allowed here; use " + allowed);
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  /**
   * Answers a body that stopped arriving or was cut short, neutrally. The client may be gone by
   * now; then there is no one to tell, and the container notices the closed connection itself.
   */
  static void incompleteBody(HttpExchange exchange, IncompleteBodyException e) {
    try {
      error(exchange, e.status(), IncompleteBodyException.MESSAGE);
    } catch (IOException gone) {
      // The client went away: nothing to answer, and no news worth a log line of its own.
    }
  }

  /** A Plausible-style validation error: {@code {"errors": {field: [message, ...]}}}. */
  static void fieldErrors(HttpExchange exchange, Map<String, List<String>> errors)
      throws IOException {
    json(exchange, 400, Map.of("errors", errors));
  }

  static void legacyOk(HttpExchange exchange) throws IOException {
    exchange.respond(200, JSON_TYPE, LEGACY_OK);
  }

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    try {
      exchange.respond(status, JSON_TYPE, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body is not serializable", e);
    }
  }
}
