package voiceappliance;

import java.nio.charset.StandardCharsets;

/** One file of a multipart upload (knowledge documents). */
public record UploadFile(String filename, byte[] data, String contentType) {
  /** A text document, sent as UTF-8. */
  public static UploadFile text(String filename, String text, String contentType) {
    return new UploadFile(filename, text.getBytes(StandardCharsets.UTF_8), contentType);
  }
}
