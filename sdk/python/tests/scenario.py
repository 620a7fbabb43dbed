"""The SDK scenario in Python against a running appliance (sdk/test/scenario.test.ts runs it).

Environment: VA_BASE_URL (appliance origin), VA_RECORDING_TOKEN (token of a business that has a
recorded call), VA_EMAIL (a new owner's address), VA_DOCUMENT (knowledge text), VA_QUESTION and
VA_ANSWER (a question and a regular expression its answer must match). Prints `ok <step>` per step
and exits 1 on the first failure.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from voice_appliance import ApiError, UploadFile, VoiceApplianceClient  # noqa: E402


def poll(read, done, timeout_s):
    """Calls read() every 0.2 s until done(value) holds or timeout_s passes; the last value."""
    end = time.monotonic() + timeout_s
    value = read()
    while not done(value) and time.monotonic() < end:
        time.sleep(0.2)
        value = read()
    return value


def check(cond, step, detail=""):
    if not cond:
        print(f"FAIL {step} {detail}", flush=True)
        sys.exit(1)
    print(f"ok {step} {detail}".rstrip(), flush=True)


def main():
    base = os.environ["VA_BASE_URL"]
    client = VoiceApplianceClient(base)
    reg = client.post_auth_register(
        {"businessName": "Python Locksmiths", "email": os.environ["VA_EMAIL"], "password": "correct horse battery staple"}
    )
    check(reg["tokenType"] == "Bearer", "registered")
    client.set_token(reg["accessToken"])

    agent = client.post_agents({"name": "Python desk"})
    check(agent["name"] == "Python desk", "agent")

    up = client.post_knowledge_upload([UploadFile("website.txt", os.environ["VA_DOCUMENT"], "text/plain")])
    doc_id = up["items"][0]["id"]
    check(bool(doc_id), "uploaded")
    doc = poll(lambda: client.get_knowledge_id(doc_id), lambda d: d["status"] in ("ready", "failed"), 120)
    check(doc["status"] == "ready", "ingested", doc["status"])

    client.post_agents_id_train(agent["id"])
    status = poll(lambda: client.get_agents_id_status(agent["id"]), lambda s: s["status"] in ("ready", "failed"), 120)
    check(status["status"] == "ready", "trained", status["status"])

    chat = client.post_agents_id_chat(agent["id"], {"message": os.environ["VA_QUESTION"]})
    check(re.search(os.environ["VA_ANSWER"], chat["reply"]) is not None, "chat", repr(chat["reply"]))

    convs = client.get_conversations(agent_id=agent["id"], limit=10)
    check(any(c["id"] == chat["conversationId"] for c in convs["items"]), "conversations")

    try:
        client.get_agents_id("00000000-0000-4000-8000-000000000000")
        check(False, "api-error", "no error raised")
    except ApiError as err:
        check(err.status == 404 and err.code == "not_found" and bool(err.message), "api-error", err.code)

    caller = VoiceApplianceClient(base, os.environ["VA_RECORDING_TOKEN"])
    recs = caller.get_voice_recordings()
    check(len(recs["items"]) > 0, "recordings")
    audio = caller.get_voice_recordings_id_audio(recs["items"][0]["id"])
    check(isinstance(audio, bytes) and audio[:4] == b"RIFF", "audio", f"{len(audio)} bytes")


if __name__ == "__main__":
    main()
