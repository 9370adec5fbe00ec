package dev.snoop.web;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A request body read whole, never more than a limit: as sent (a {@code Content-Length} over the
 * limit is refused before a byte is read, and a chunked body as soon as it passes it), and, when
 * gzip-encoded, once more after inflating, so a small body that inflates to gigabytes is refused
 * too. A body over a limit is a 413.
 */
public final class RequestBody {
  /** Java arrays hold a little less than 2 GiB. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private RequestBody() {}

  /** The body as sent, at most {@code limit} bytes. */
  public static byte[] read(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge("the request body", declared, limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      return readAtMost(in, limit, "the request body");
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body: " + e.getMessage(), e);
    }
  }

  /**
   * The body inflated when it is gzip ({@code Content-Encoding: gzip}, or gzip's magic bytes, as
   * kube-apiserver's webhook may send either), else as it is; at most {@code limit} bytes inflated.
   */
  public static byte[] inflated(Context ctx, byte[] body, long limit) {
    String encoding = ctx.header("Content-Encoding");
    boolean gzip =
        (encoding != null && encoding.strip().equalsIgnoreCase("gzip"))
            || (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b);
    if (!gzip) {
      if (encoding != null
          && !encoding.isBlank()
          && !encoding.strip().equalsIgnoreCase("identity")) {
        throw new HttpProblem(
            415, "Content-Encoding " + encoding + " is not supported: send gzip or identity");
      }
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return readAtMost(in, limit, "the request body inflated");
    } catch (EOFException e) {
      throw new HttpProblem(400, "the gzip body is cut short: " + e.getMessage());
    } catch (ZipException e) {
      throw new HttpProblem(400, "the gzip body is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw new HttpProblem(400, "the gzip body cannot be read: " + e.getMessage());
    }
  }

  private static byte[] readAtMost(InputStream in, long limit, String what) throws IOException {
    int cap = (int) Math.min(limit, MAX_ARRAY);
    byte[] bytes = in.readNBytes(cap);
    if (bytes.length == cap && in.read() >= 0) {
      throw tooLarge(what, -1, limit);
    }
    return bytes;
  }

  private static HttpProblem tooLarge(String what, long size, long limit) {
    return new HttpProblem(
        413,
        what
            + (size >= 0 ? " is " + size + " bytes" : " is larger than the limit")
            + ": at most "
            + limit
            + " bytes are accepted");
  }
}
