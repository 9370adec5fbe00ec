package dev.snoop.bench.web;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection of the load generator: sends a GET with {@code
 * Accept-Encoding: gzip} and reads the answer's status and body (by Content-Length, chunked, or to
 * the end of a closed connection), keeping nothing of it. The JDK's HttpClient did the same with
 * most of the two cores under 50 clients, so the figures measured the client more than the server.
 */
final class KeepAliveConnection implements Closeable {
  private final String host;
  private final int port;
  private final byte[] skipBuffer = new byte[64 * 1024];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** An answer: its status and the bytes of its body as sent. */
  record Answer(int status, long bodyBytes) {}

  KeepAliveConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
  }

  Answer get(URI uri) throws IOException {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    boolean reused = socket != null;
    if (!reused) {
      open();
    }
    send(target);
    String status = line();
    if (status == null && reused) {
      // the server closed the idle connection: one new one, as a browser would
      close();
      open();
      send(target);
      status = line();
    }
    if (status == null) {
      throw new EOFException("the server closed the connection before answering " + target);
    }
    return read(status);
  }

  private Answer read(String statusLine) throws IOException {
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closes = true;
      }
    }
    long body;
    if (chunked) {
      body = skipChunks();
    } else if (length >= 0) {
      body = skip(length);
    } else {
      body = skip(Long.MAX_VALUE);
      closes = true;
    }
    if (closes) {
      close();
    }
    return new Answer(status, body);
  }

  private long skipChunks() throws IOException {
    long total = 0;
    for (String size = line(); ; size = line()) {
      if (size == null) {
        throw new EOFException("the connection ended inside a chunked body");
      }
      int semicolon = size.indexOf(';');
      long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (chunk == 0) {
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
          // trailers carry nothing the benchmark counts
        }
        return total;
      }
      total += skip(chunk);
      line(); // the CRLF after the chunk
    }
  }

  /** Reads {@code n} bytes, or to the end when n is Long.MAX_VALUE; returns how many. */
  private long skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      int read = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
      if (read < 0) {
        if (n == Long.MAX_VALUE) {
          break;
        }
        throw new EOFException("the connection ended " + left + " bytes before the body's end");
      }
      left -= read;
    }
    return n - left;
  }

  /** A line without its CRLF; null at the end of the stream. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void send(String target) throws IOException {
    String request =
        "GET "
            + target
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nAccept-Encoding: gzip\r\nUser-Agent: snoop-bench-web\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void open() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
