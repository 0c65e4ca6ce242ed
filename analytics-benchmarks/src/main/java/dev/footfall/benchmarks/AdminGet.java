package dev.footfall.benchmarks;

import dev.footfall.servlet.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A GET to the admin API with a bearer key, answered in memory. */
final class AdminGet implements HttpExchange {
  private final String path;
  private final String query;
  private final String key;
  private int status;
  private byte[] responseBody;

  AdminGet(String pathAndQuery, String key) {
    int q = pathAndQuery.indexOf('?');
    this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    this.query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    this.key = key;
  }

  int status() {
    return status;
  }

  byte[] responseBody() {
    return responseBody;
  }

  @Override
  public String method() {
    return "GET";
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
    return name.equals("Authorization") ? "Bearer " + key : null;
  }

  @Override
  public String remoteAddress() {
    return "127.0.0.1";
  }

  @Override
  public long contentLength() {
    return 0;
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public void responseHeader(String name, String value) {}

  @Override
  public void respond(int status, String contentType, byte[] body) {
    this.status = status;
    this.responseBody = body;
  }
}
