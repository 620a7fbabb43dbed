import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import voiceappliance.ApiError;
import voiceappliance.Json;
import voiceappliance.UploadFile;
import voiceappliance.VoiceApplianceClient;

/**
 * The SDK scenario in Java against a running appliance (sdk/test/scenario.test.ts compiles and
 * runs it). Environment as sdk/python/tests/scenario.py: VA_BASE_URL, VA_RECORDING_TOKEN,
 * VA_EMAIL, VA_DOCUMENT, VA_QUESTION, VA_ANSWER. Prints {@code ok <step>} per step and exits 1 on
 * the first failure.
 */
public final class Scenario {
  private Scenario() {}

  static <T> T poll(Supplier<T> read, Predicate<T> done, long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + timeoutMs * 1_000_000L;
    T v = read.get();
    while (!done.test(v) && System.nanoTime() < end) {
      Thread.sleep(200);
      v = read.get();
    }
    return v;
  }

  static void check(boolean cond, String step, String detail) {
    if (!cond) {
      System.out.println("FAIL " + step + " " + detail);
      System.exit(1);
    }
    System.out.println(("ok " + step + " " + detail).trim());
  }

  public static void main(String[] args) throws Exception {
    String base = System.getenv("VA_BASE_URL");
    VoiceApplianceClient client = new VoiceApplianceClient(base, null);
    Map<String, Object> reg =
        client.postAuthRegister(
            Map.of(
                "businessName", "Java Locksmiths",
                "email", System.getenv("VA_EMAIL"),
                "password", "correct horse battery staple"));
    check("Bearer".equals(reg.get("tokenType")), "registered", "");
    client.setToken((String) reg.get("accessToken"));

    Map<String, Object> agent = client.postAgents(Map.of("name", "Java desk"));
    String agentId = (String) agent.get("id");
    check("Java desk".equals(agent.get("name")), "agent", "");

    Map<String, Object> up =
        client.postKnowledgeUpload(
            List.of(UploadFile.text("website.txt", System.getenv("VA_DOCUMENT"), "text/plain")));
    String docId = (String) Json.obj(Json.arr(up.get("items")).get(0)).get("id");
    check(docId != null, "uploaded", "");
    Map<String, Object> doc =
        poll(
            () -> client.getKnowledgeId(docId),
            d -> "ready".equals(d.get("status")) || "failed".equals(d.get("status")),
            120_000);
    check("ready".equals(doc.get("status")), "ingested", String.valueOf(doc.get("status")));

    client.postAgentsIdTrain(agentId);
    Map<String, Object> status =
        poll(
            () -> client.getAgentsIdStatus(agentId),
            s -> "ready".equals(s.get("status")) || "failed".equals(s.get("status")),
            120_000);
    check("ready".equals(status.get("status")), "trained", String.valueOf(status.get("status")));

    Map<String, Object> chat =
        client.postAgentsIdChat(agentId, Map.of("message", System.getenv("VA_QUESTION")));
    String reply = (String) chat.get("reply");
    check(Pattern.compile(System.getenv("VA_ANSWER")).matcher(reply).find(), "chat", "'" + reply + "'");

    Map<String, Object> convs = client.getConversations(Map.of("agentId", agentId, "limit", 10));
    boolean listed =
        Json.arr(convs.get("items")).stream()
            .anyMatch(c -> chat.get("conversationId").equals(Json.obj(c).get("id")));
    check(listed, "conversations", "");

    try {
      client.getAgentsId("00000000-0000-4000-8000-000000000000");
      check(false, "api-error", "no error thrown");
    } catch (ApiError err) {
      check(
          err.status == 404 && "not_found".equals(err.code) && !err.errorMessage().isEmpty(),
          "api-error",
          err.code);
    }

    VoiceApplianceClient caller = new VoiceApplianceClient(base, System.getenv("VA_RECORDING_TOKEN"));
    List<Object> recs = Json.arr(caller.getVoiceRecordings().get("items"));
    check(!recs.isEmpty(), "recordings", "");
    byte[] audio = caller.getVoiceRecordingsIdAudio((String) Json.obj(recs.get(0)).get("id"));
    boolean riff = audio.length > 4 && audio[0] == 'R' && audio[1] == 'I' && audio[2] == 'F' && audio[3] == 'F';
    check(riff, "audio", audio.length + " bytes");
  }
}
