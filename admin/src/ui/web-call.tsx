import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';

/** What `/web-call/embed.js` (served by the appliance) puts on `window`. */
interface LiveCall {
  hangup(): Promise<void>;
  ended: Promise<unknown>;
}
interface WebCallApi {
  call(o: { token: string; base: string; onState?: (s: string) => void }): Promise<LiveCall>;
}

let loading: Promise<WebCallApi> | undefined;
/** Loads the appliance's browser-call script once (same origin: allowed by the admin CSP). */
function webCallApi(): Promise<WebCallApi> {
  loading ??= new Promise<WebCallApi>((resolve, reject) => {
    const w = window as unknown as { ApplianceWebCall?: WebCallApi };
    if (w.ApplianceWebCall) return resolve(w.ApplianceWebCall);
    const s = document.createElement('script');
    s.src = '/web-call/embed.js';
    s.onload = () =>
      w.ApplianceWebCall ? resolve(w.ApplianceWebCall) : reject(new Error('web call script missing'));
    s.onerror = () => {
      loading = undefined;
      reject(new Error('web call script could not be loaded'));
    };
    document.head.appendChild(s);
  });
  return loading;
}

type State = 'idle' | 'connecting' | 'connected' | 'ended' | 'failed';

/**
 * "Call this agent": a real call from this browser (microphone and speaker) through the box's
 * WebRTC gateway, stored as a conversation with channel `webrtc`.
 */
export function WebCallButton({ agentId }: { agentId: string }): JSX.Element {
  const [state, setState] = useState<State>('idle');
  const [error, setError] = useState('');
  const live = useRef<LiveCall | undefined>(undefined);
  useEffect(() => () => void live.current?.hangup(), []);
  const start = async (): Promise<void> => {
    setError('');
    setState('connecting');
    try {
      const { token } = await api<{ token: string }>('POST', `/agents/${agentId}/web-call-token`);
      const wc = await webCallApi();
      const call = await wc.call({
        token,
        base: location.origin,
        onState: (s) => {
          if (s === 'connected' || s === 'ended') setState(s);
        },
      });
      live.current = call;
      setState('connected');
      void call.ended.then(() => {
        live.current = undefined;
        setState('ended');
      });
    } catch (err) {
      setState('failed');
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const busy = state === 'connecting';
  return (
    <>
      {state === 'connected' ? (
        <button type="button" class="danger" onClick={() => void live.current?.hangup()}>
          Hang up
        </button>
      ) : (
        <button type="button" onClick={() => void start()} disabled={busy} title={error || undefined}>
          {busy ? 'Calling…' : 'Call this agent'}
        </button>
      )}
      {error && (
        <span class="muted" role="status">
          Call failed: {error}
        </span>
      )}
    </>
  );
}
