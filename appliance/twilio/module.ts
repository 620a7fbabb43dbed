/**
 * The `twilio` module: Twilio calls through Media Streams. Routes (account, voice webhook, status
 * callbacks) and the Media Streams WebSocket on the appliance's HTTPS port (`/api/v1/voice/stream`),
 * whose calls run through the calls module's bridged legs.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CallsModule } from '../calls/index.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { SecretBox } from '../webhooks/index.js';
import { TwilioAccounts } from './accounts.js';
import { MediaStream } from './media-stream.js';
import { STREAM_PATH, twilioRoutes } from './routes.js';
import { MAX_MESSAGE_BYTES } from './stream-messages.js';
import { StreamTokens } from './stream-token.js';

export interface TwilioModule extends ApplianceModule {
  readonly name: 'twilio';
  /** Live Media Streams sockets. */
  readonly streams: number;
}

export function createTwilioModule({ app }: ModuleDeps, calls: CallsModule): TwilioModule {
  const log = app.log.child({ module: 'twilio' });
  const accounts = new TwilioAccounts(app.db.kysely, new SecretBox(app.masterKey.derive('twilio')));
  const tokens = new StreamTokens(app.masterKey.derive('twilio-stream'), app.config.twilio.streamTokenTtlS);
  // Frames are small; a larger one is a protocol error (ws closes with 1009).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  const live = new Set<MediaStream>();

  wss.on('connection', (ws) => {
    const stream = new MediaStream(ws, {
      redeem: (t) => tokens.redeem(t),
      startLeg: (req, events) => {
        const m = calls.manager;
        if (!m) return Promise.reject(new Error('telephony is not running'));
        return m.startBridgedLeg(req, events);
      },
      log,
    });
    live.add(stream);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        stream.onMessage('binary frame');
        return;
      }
      stream.onMessage(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
    });
    ws.on('close', () => {
      live.delete(stream);
      stream.onClose();
    });
    ws.on('error', (err) => log.debug({ err }, 'twilio stream socket error'));
  });

  return {
    name: 'twilio',
    get streams() {
      return live.size;
    },
    routes: () =>
      twilioRoutes({
        app,
        accounts,
        tokens,
        canTakeCalls: () => calls.manager !== undefined && calls.media?.state === 'running',
      }),
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const path = (req.url ?? '').split('?')[0];
      if (path !== STREAM_PATH) return false;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return true;
    },
    stop: async () => {
      for (const c of wss.clients) c.close(1001, 'appliance stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    status: () => ({ streams: live.size }),
  };
}
