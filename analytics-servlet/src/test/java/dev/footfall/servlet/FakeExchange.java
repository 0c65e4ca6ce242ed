package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link HttpExchange} for unit tests. */
final class FakeExchange implements HttpExchange {
  final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  final Map<String, String> responseHeaders = new LinkedHashMap<>();
  String method = "POST";
  String path = "/api/event";
  String query = "";
  String remoteAddress = "127.0.0.1";
  byte[] body = new byte[0];
  /** If set, reading the body fails with this after its bytes, as a broken connection would. */
  IOException bodyFailure;
  int status;
  byte[] responseBody;

  FakeExchange header(String name, String value) {
    requestHeaders.put(name, value);
    return this;
  }

  /** Sets the method, and the path and query string from {@code pathAndQuery}. */
  FakeExchange request(String method, String pathAndQuery) {
    this.method = method;
    int q = pathAndQuery.indexOf('?');
    this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    this.query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    return this;
  }

  FakeExchange from(String address) {
    remoteAddress = address;
    return this;
  }

  FakeExchange body(String json) {
    body = json.getBytes(UTF_8);
    return this;
  }

  String responseText() {
    return new String(responseBody, UTF_8);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String query() {
    return query;
  }

  @Override
  public String requestHeader(String name) {
    return requestHeaders.get(name);
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public long contentLength() {
    return body.length;
  }

  @Override
  public InputStream body() {
    if (bodyFailure == null) {
      return new ByteArrayInputStream(body);
    }
    return new InputStream() {
      private int next;

      @Override
      public int read() throws IOException {
        if (next < body.length) {
          return body[next++] & 0xff;
        }
        throw bodyFailure;
      }
    };
  }

  @Override
  public void responseHeader(String name, String value) {
    responseHeaders.put(name, value);
  }

  @Override
  public void respond(int status, String contentType, byte[] body) {
    this.status = status;
    if (contentType != null) {
      responseHeaders.put("Content-Type", contentType);
    }
    this.responseBody = body;
  }
}
