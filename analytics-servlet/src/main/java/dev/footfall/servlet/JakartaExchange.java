package dev.footfall.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An {@link HttpExchange} over a Jakarta Servlet request and response. */
final class JakartaExchange implements HttpExchange {
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final String path;

  JakartaExchange(HttpServletRequest request, HttpServletResponse response, String path) {
    this.request = request;
    this.response = response;
    this.path = path;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String query() {
    String query = request.getQueryString();
    return query == null ? "" : query;
  }

  @Override
  public boolean secure() {
    return request.isSecure();
  }

  @Override
  public String requestHeader(String name) {
    return request.getHeader(name);
  }

  @Override
  public String remoteAddress() {
    return request.getRemoteAddr();
  }

  @Override
  public long contentLength() {
    return request.getContentLengthLong();
  }

  @Override
  public InputStream body() throws IOException {
    return request.getInputStream();
  }

  @Override
  public void responseHeader(String name, String value) {
    response.setHeader(name, value);
  }

  @Override
  public void respond(int status, String contentType, byte[] body) throws IOException {
    response.setStatus(status);
    if (contentType != null) {
      response.setContentType(contentType);
    }
    if (status != 204 && status != 304) {
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  @Override
  public OutputStream respondStreaming(int status, String contentType) throws IOException {
    response.setStatus(status);
    if (contentType != null) {
      response.setContentType(contentType);
    }
    return response.getOutputStream();
  }
}
