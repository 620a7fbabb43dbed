/**
 * A small client for Janus's WebSocket API (subprotocol `janus-protocol`) and its SIP plugin:
 * one Janus session and plugin handle per browser call. The appliance is Janus's only API client
 * (loopback, API secret); browsers never reach it. Requests are matched to answers by transaction;
 * asynchronous plugin events go to the handle's listener.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import WebSocket from 'ws';

/** A Janus API reply or event (only the fields used here). */
interface JanusMessage {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: { type: string; sdp: string };
  reason?: string;
}

/** What the SIP plugin tells about a call, in order: calling, ringing, accepted, hangup. */
export type SipLegEvent =
  | { kind: 'accepted'; sdp: string }
  | { kind: 'progress' }
  | { kind: 'hangup'; code: number; reason: string }
  /** The browser's PeerConnection went down (ICE/DTLS failure or close); Janus ends the SIP call. */
  | { kind: 'webrtc-down'; reason: string }
  | { kind: 'webrtc-up' }
  | { kind: 'error'; code: number; reason: string };

/** How long one Janus request may take before it fails, ms. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Keepalive period for live sessions, ms (Janus reaps a session silent for session_timeout = 60 s). */
const KEEPALIVE_MS = 25_000;

export class JanusError extends Error {
  override readonly name = 'JanusError';
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(`janus: ${code} ${reason}`);
  }
}

export class JanusClient {
  private ws: WebSocket | undefined;
  private connecting: Promise<WebSocket> | undefined;
  private readonly pending = new Map<
    string,
    {
      resolve: (m: JanusMessage) => void;
      reject: (e: Error) => void;
      timer: NodeJS.Timeout;
      ackOnly: boolean;
    }
  >();
  private readonly handles = new Map<number, EventEmitter>();
  private readonly sessions = new Set<number>();
  private keepalive: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly apiSecret: string,
    private readonly log: Logger,
  ) {}

  /** Connects (once; again after a drop). */
  private connect(): Promise<WebSocket> {
    if (this.closed) return Promise.reject(new JanusError(503, 'client closed'));
    if (this.ws?.readyState === WebSocket.OPEN) return Promise.resolve(this.ws);
    this.connecting ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url, 'janus-protocol', { handshakeTimeout: 5000 });
      ws.once('open', () => {
        this.ws = ws;
        this.connecting = undefined;
        this.keepalive ??= setInterval(() => this.sendKeepalives(), KEEPALIVE_MS).unref();
        resolve(ws);
      });
      ws.once('error', (err) => {
        this.connecting = undefined;
        reject(new JanusError(503, `Janus unreachable at ${this.url}: ${err.message}`));
      });
      ws.on('message', (data) => this.onMessage(String(data)));
      ws.on('close', () => {
        if (this.ws === ws) this.ws = undefined;
        // Janus ends its sessions with the transport: every call on it is over.
        for (const [, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new JanusError(503, 'Janus connection closed'));
        }
        this.pending.clear();
        for (const [, h] of this.handles)
          h.emit('event', { kind: 'hangup', code: 503, reason: 'gateway gone' });
        this.handles.clear();
        this.sessions.clear();
      });
    });
    return this.connecting;
  }

  private onMessage(text: string): void {
    let m: JanusMessage;
    try {
      m = JSON.parse(text) as JanusMessage;
    } catch (err) {
      this.log.warn({ err }, 'janus: unparsable message dropped');
      return;
    }
    const p = m.transaction ? this.pending.get(m.transaction) : undefined;
    if (p && (m.janus !== 'ack' || p.ackOnly)) {
      this.pending.delete(m.transaction ?? '');
      clearTimeout(p.timer);
      if (m.janus === 'error') p.reject(new JanusError(m.error?.code ?? 500, m.error?.reason ?? 'error'));
      else p.resolve(m);
      if (m.janus !== 'event') return;
    }
    if (m.sender === undefined) return;
    const h = this.handles.get(m.sender);
    if (!h) return;
    const ev = toLegEvent(m);
    if (ev) h.emit('event', ev);
  }

  private async request(msg: Record<string, unknown>, ackOnly = false): Promise<JanusMessage> {
    const ws = await this.connect();
    const transaction = randomBytes(9).toString('base64url');
    return new Promise<JanusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new JanusError(504, `no answer to ${String(msg.janus)} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(transaction, { resolve, reject, timer, ackOnly });
      ws.send(JSON.stringify({ ...msg, transaction, apisecret: this.apiSecret }));
    });
  }

  private sendKeepalives(): void {
    for (const s of this.sessions) {
      this.request({ janus: 'keepalive', session_id: s }, true).catch((err: unknown) =>
        this.log.warn({ err }, 'janus keepalive failed'),
      );
    }
  }

  /**
   * Opens a SIP plugin handle registered as a guest (no REGISTER is sent: the leg only places
   * one call into the appliance).
   */
  async openSipLeg(fromUri: string): Promise<SipLeg> {
    const created = await this.request({ janus: 'create' });
    const sessionId = created.data?.id;
    if (sessionId === undefined) throw new JanusError(500, 'no session id');
    this.sessions.add(sessionId);
    try {
      const attached = await this.request({
        janus: 'attach',
        session_id: sessionId,
        plugin: 'janus.plugin.sip',
      });
      const handleId = attached.data?.id;
      if (handleId === undefined) throw new JanusError(500, 'no handle id');
      const events = new EventEmitter();
      this.handles.set(handleId, events);
      const leg = new SipLeg(this, sessionId, handleId, events);
      const reg = await leg.message({ request: 'register', type: 'guest', username: fromUri });
      const result = (reg.plugindata?.data.result ?? {}) as { event?: string };
      if (reg.plugindata?.data.error)
        throw new JanusError(
          Number(reg.plugindata.data.error_code ?? 500),
          String(reg.plugindata.data.error),
        );
      if (result.event !== 'registered')
        throw new JanusError(500, `guest registration: ${result.event ?? 'no event'}`);
      return leg;
    } catch (err) {
      await this.destroySession(sessionId);
      throw err;
    }
  }

  /** @internal A plugin message; resolves with its first event (the plugin's synchronous reply or the ack's event). */
  sendToHandle(
    sessionId: number,
    handleId: number,
    body: Record<string, unknown>,
    jsep?: { type: string; sdp: string },
  ): Promise<JanusMessage> {
    return this.request({
      janus: 'message',
      session_id: sessionId,
      handle_id: handleId,
      body,
      ...(jsep ? { jsep } : {}),
    });
  }

  async destroySession(sessionId: number, handleId?: number): Promise<void> {
    if (handleId !== undefined) this.handles.delete(handleId);
    if (!this.sessions.delete(sessionId)) return;
    await this.request({ janus: 'destroy', session_id: sessionId }).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.keepalive) clearInterval(this.keepalive);
    this.ws?.close();
  }
}

/** One browser call through Janus's SIP plugin. */
export class SipLeg {
  constructor(
    private readonly client: JanusClient,
    private readonly sessionId: number,
    private readonly handleId: number,
    readonly events: EventEmitter,
  ) {}

  message(body: Record<string, unknown>, jsep?: { type: string; sdp: string }): Promise<JanusMessage> {
    return this.client.sendToHandle(this.sessionId, this.handleId, body, jsep);
  }

  /**
   * Places the SIP call with the browser's offer and resolves with Janus's answer for the browser
   * once the appliance answered (200 OK). Rejects on a SIP rejection or Janus error.
   */
  call(uri: string, offerSdp: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new JanusError(504, 'call not answered in time')), timeoutMs);
      const done = (err: Error | undefined, sdp?: string): void => {
        clearTimeout(timer);
        this.events.off('event', onEvent);
        if (err) reject(err);
        else resolve(sdp ?? '');
      };
      const onEvent = (ev: SipLegEvent): void => {
        if (ev.kind === 'accepted') done(undefined, ev.sdp);
        else if (ev.kind === 'hangup' || ev.kind === 'error') done(new JanusError(ev.code, ev.reason));
      };
      this.events.on('event', onEvent);
      this.message({ request: 'call', uri }, { type: 'offer', sdp: offerSdp })
        .then((m) => {
          const d = m.plugindata?.data;
          if (d?.error) done(new JanusError(Number(d.error_code ?? 500), String(d.error)));
        })
        .catch((err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
    });
  }

  /** Ends the SIP call (BYE/CANCEL) and the Janus session. */
  async hangup(): Promise<void> {
    await this.message({ request: 'hangup' }).catch(() => undefined);
    await this.client.destroySession(this.sessionId, this.handleId);
  }
}

function toLegEvent(m: JanusMessage): SipLegEvent | undefined {
  if (m.janus === 'webrtcup') return { kind: 'webrtc-up' };
  if (m.janus === 'hangup') return { kind: 'webrtc-down', reason: m.reason ?? 'closed' };
  if (m.janus === 'detached') return { kind: 'hangup', code: 0, reason: 'detached' };
  if (m.janus !== 'event') return undefined;
  const d = m.plugindata?.data ?? {};
  if (d.error) return { kind: 'error', code: Number(d.error_code ?? 500), reason: String(d.error) };
  const r = (d.result ?? {}) as { event?: string; code?: number; reason?: string };
  switch (r.event) {
    case 'accepted':
      return m.jsep ? { kind: 'accepted', sdp: m.jsep.sdp } : undefined;
    case 'progress':
    case 'ringing':
      return { kind: 'progress' };
    case 'hangup':
      return { kind: 'hangup', code: r.code ?? 0, reason: r.reason ?? '' };
    default:
      return undefined;
  }
}
