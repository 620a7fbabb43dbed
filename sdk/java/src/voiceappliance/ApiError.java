package voiceappliance;

/** A failed request: HTTP status, the appliance's error code and message, optional details. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public final int status;
  public final String code;
  public final transient Object details;

  public ApiError(int status, String code, String message, Object details) {
    super(status + " " + code + ": " + message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The appliance's message alone (getMessage() also carries status and code). */
  public String errorMessage() {
    String m = getMessage();
    return m.substring(m.indexOf(": ") + 2);
  }
}
