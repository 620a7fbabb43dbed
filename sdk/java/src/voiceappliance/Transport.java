package voiceappliance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hand-written part of the Java SDK: one request over java.net.http.HttpClient, bearer auth,
 * query strings, JSON / multipart / form bodies, and the appliance's error body
 * ({"error": {"code", "message", "details"}}) thrown as ApiError. The generated
 * VoiceApplianceClient calls only {@link #request}.
 */
public final class Transport {
  /** What a success answer holds: parsed JSON, raw bytes, or nothing (204). */
  public enum Expect {
    JSON,
    BINARY,
    NONE
  }

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  volatile String token;

  public Transport(HttpClient http, String base, String token, Duration timeout) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.timeout = timeout;
  }

  /** One path parameter, percent-encoded as one segment. */
  public static String seg(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * One request. Exactly one of json, files and form may be non-null. Throws ApiError for a non-2xx
   * answer, UncheckedIOException-like RuntimeException for transport failures.
   */
  public Object request(
      String method,
      String path,
      Map<String, ?> query,
      Object json,
      List<UploadFile> files,
      Map<String, String> form,
      Expect expect) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(base + path + queryString(query)))
            .timeout(timeout)
            // HTTP/1.1: the default (HTTP/2) sends "Upgrade: h2c" on plain http, which Node hands
            // to the appliance's WebSocket upgrade handler instead of the API (a bare 404).
            .version(HttpClient.Version.HTTP_1_1)
            .header("Accept", "application/json");
    if (token != null) req.header("Authorization", "Bearer " + token);
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (json != null) {
      req.header("Content-Type", "application/json");
      body = HttpRequest.BodyPublishers.ofString(Json.write(json), StandardCharsets.UTF_8);
    } else if (files != null) {
      String boundary = "----voice-appliance-" + UUID.randomUUID();
      req.header("Content-Type", "multipart/form-data; boundary=" + boundary);
      body = HttpRequest.BodyPublishers.ofByteArray(multipart(files, boundary));
    } else if (form != null) {
      req.header("Content-Type", "application/x-www-form-urlencoded");
      body = HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8);
    }
    req.method(method, body);
    HttpResponse<byte[]> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RuntimeException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(method + " " + path + ": interrupted", e);
    }
    byte[] raw = res.body();
    if (res.statusCode() < 200 || res.statusCode() > 299) throw apiError(res.statusCode(), raw);
    if (expect == Expect.BINARY) return raw;
    if (expect == Expect.NONE || raw.length == 0) return null;
    return Json.parse(new String(raw, StandardCharsets.UTF_8));
  }

  private static String queryString(Map<String, ?> query) {
    if (query == null) return "";
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, ?> e : query.entrySet()) {
      Object v = e.getValue();
      if (v == null) continue;
      for (Object one : v instanceof Iterable<?> it ? it : List.of(v)) {
        b.append(b.length() == 0 ? '?' : '&');
        b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=');
        b.append(URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
      }
    }
    return b.toString();
  }

  private static String encode(Map<String, String> form) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (b.length() > 0) b.append('&');
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=');
      b.append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static byte[] multipart(List<UploadFile> files, String boundary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (UploadFile f : files) {
      String name = f.filename().replace("\"", "%22").replace("\r", "").replace("\n", "");
      String type = f.contentType() == null ? "application/octet-stream" : f.contentType();
      String head =
          "--" + boundary + "\r\n"
              + "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
              + "Content-Type: " + type + "\r\n\r\n";
      out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(f.data());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static ApiError apiError(int status, byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    try {
      Object parsed = Json.parse(text);
      if (parsed instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e && e.get("code") instanceof String code) {
        Object msg = e.get("message");
        return new ApiError(status, code, msg instanceof String s ? s : code, e.get("details"));
      }
    } catch (IllegalArgumentException notJson) {
      // not the appliance's error body (a proxy's page): keep the text
    }
    return new ApiError(status, "http_" + status, text.length() > 500 ? text.substring(0, 500) : text, null);
  }
}
