/**
 * What a baresip call test asks for and what it gets back. The test side (baresip-call.ts) writes
 * a scenario as JSON; baresip-runner.ts, inside a private network namespace, carries it out and
 * writes heard.wav, recording.wav and result.json into `outDir`.
 */

export const baresipCodecs = ['PCMU', 'PCMA', 'G722'] as const;
export type BaresipCodec = (typeof baresipCodecs)[number];

/** The audio rate of each codec: what baresip's microphone and player files run at, Hz. */
export const codecRateHz: Record<BaresipCodec, number> = { PCMU: 8000, PCMA: 8000, G722: 16000 };

export interface BaresipScenario {
  /** baresip's microphone: a mono WAV at any rate (the runner resamples it to the codec's rate). */
  micWav: string;
  /** The only codec baresip offers. */
  codec: BaresipCodec;
  /** The POST /agents body; the call dials numbers[0]. */
  agent: { name: string; numbers: string[] } & Record<string, unknown>;
  /** Pasted-text documents uploaded before the call (waited on until 'ready'; the agent is trained). */
  knowledge?: { title: string; text: string }[];
  /** Files uploaded as a business would (multipart: PDF, DOCX, HTML, ...), waited on and trained the same way. */
  files?: { name: string; path: string; contentType: string }[];
  /** Longest call, s: baresip quits this long after dialing (it hangs up at the end of the mic first). */
  callS: number;
  /** Where heard.wav, recording.wav and result.json go. */
  outDir: string;
  /**
   * SIP over TLS to port 5061 with mandatory SRTP (baresip `mediaenc=srtp-mand`, appliance
   * `sip.srtp: require`); the runner captures the namespace's UDP with tshark into capture.pcap.
   */
  secure?: boolean;
  /**
   * Record every STT stream of the call exactly as the engine receives it (stt-<n>.wav and
   * result.sttStreams): the samples a call delivers, to decode offline and compare.
   */
  tapStt?: boolean;
}

/** One STT stream of the call as the engine saw it (tapStt). */
export interface TappedSttStream {
  /** The bias mode the call asked for ('none': no phrases). */
  mode: string;
  /** What the engine returned (empty when the stream was aborted or failed). */
  text: string;
  /** The rate the call wrote at, Hz. */
  rateHz: number;
  /** File in outDir with the written samples (mono WAV at rateHz). */
  file: string;
  /** Why the stream failed, if it did. */
  error?: string;
  /** end() to its result or failure, ms (the decode left after the audio). */
  endMs?: number;
}

export interface BaresipTurn {
  speaker: 'caller' | 'agent';
  text: string;
  intent: string | null;
  startedAt: string;
  interrupted: boolean;
}

export interface BaresipResult {
  /** Recordings listed after the call (one call: 1). */
  recordings: number;
  /** The recording's rate as its WAV header says, Hz; 0 when there is none. */
  recordingRateHz: number;
  /** The rate the list API states for the recording, Hz. */
  recordingListedRateHz: number;
  /** Channel of the recording that holds the caller (left). */
  callerChannel: number;
  /** The microphone as played (in.wav), Hz. */
  micRateHz: number;
  conversationId: string | null;
  turns: BaresipTurn[];
  /** The tail of baresip's console output, for failure messages. */
  baresipLog: string;
  /** `secure` calls: the appliance's SIP TLS and SRTP metric lines after the call. */
  securityMetrics?: string[];
  /** `secure` calls: the appliance's RTP port range, to pick its packets out of the capture. */
  rtpPorts?: [number, number];
  /** tapStt: the call's STT streams in the order they started. */
  sttStreams?: TappedSttStream[];
}
