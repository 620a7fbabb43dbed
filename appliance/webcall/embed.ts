/**
 * The browser side of web calls, served as `/web-call/embed.js` (plain ES2020, no dependencies):
 *
 *   <script src="https://BOX/web-call/embed.js" data-agent="AGENT-ID" data-label="Call us" async></script>
 *
 * puts a "Call us" button where the tag is; the page's origin must be on the business's
 * allow-list. The admin UI loads the same script and calls `ApplianceWebCall.call({ token })` with
 * a token it minted. One offer with every ICE candidate (no trickle) goes to the appliance, which
 * places the call through the gateway and returns the answer.
 */
export const EMBED_JS = String.raw`(() => {
  'use strict';
  if (window.ApplianceWebCall) return;
  const script = document.currentScript;
  const base = script && script.src ? new URL(script.src).origin : location.origin;
  /** Longest wait for ICE gathering before the offer is sent with what was found, ms. */
  const GATHER_MS = 3000;

  async function post(url, body) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
    const text = await r.text();
    const data = text ? JSON.parse(text) : {};
    if (!r.ok) {
      const e = new Error((data.error && data.error.message) || ('HTTP ' + r.status));
      e.status = r.status;
      throw e;
    }
    return data;
  }

  function gathered(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, GATHER_MS);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
      });
    });
  }

  /**
   * Places a call. opts: { token } or { agentId } (the embed: a token is minted for this page),
   * base (the appliance's origin), onState(state), audio (an <audio> element for the agent).
   * Resolves with { remoteStream, hangup(), ended: Promise }.
   */
  async function call(opts) {
    const o = opts || {};
    const at = o.base || base;
    const state = (s, extra) => { if (o.onState) o.onState(s, extra); };
    state('connecting');
    const token = o.token || (await post(at + '/api/v1/web-call/agents/' + encodeURIComponent(o.agentId) + '/token')).token;
    const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    const pc = new RTCPeerConnection({ iceServers: [] });
    for (const track of mic.getAudioTracks()) pc.addTrack(track, mic);
    const remoteStream = new MediaStream();
    pc.addEventListener('track', (e) => remoteStream.addTrack(e.track));
    let answer;
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      answer = await post(at + '/api/v1/web-call/calls', { token, sdp: pc.localDescription.sdp });
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    } catch (err) {
      pc.close();
      for (const t of mic.getTracks()) t.stop();
      state('failed', err);
      throw err;
    }
    const audio = o.audio || new Audio();
    audio.autoplay = true;
    audio.srcObject = remoteStream;
    audio.play().catch(() => undefined);
    let finish;
    const ended = new Promise((resolve) => { finish = resolve; });
    let over = false;
    const end = (why) => {
      if (over) return;
      over = true;
      pc.close();
      for (const t of mic.getTracks()) t.stop();
      state('ended', why);
      finish(why);
    };
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') state('connected');
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') end(pc.connectionState);
    });
    // The gateway ends the browser leg with a DTLS close when the agent hangs up.
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'disconnected') setTimeout(() => { if (pc.iceConnectionState !== 'connected') end('disconnected'); }, 2000);
    });
    const hangup = async () => {
      if (over) return;
      await post(at + '/api/v1/web-call/calls/' + encodeURIComponent(answer.callId) + '/hangup', { key: answer.hangupKey }).catch(() => undefined);
      end('hangup');
    };
    return { callId: answer.callId, remoteStream, pc, hangup, ended };
  }

  /** The embeddable button: data-agent (required), data-label. */
  function mountButton(tag) {
    const agentId = tag.getAttribute('data-agent');
    if (!agentId) return;
    const label = tag.getAttribute('data-label') || 'Call us';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'appliance-web-call';
    button.textContent = label;
    let live;
    button.addEventListener('click', async () => {
      if (live) { await live.hangup(); return; }
      button.disabled = true;
      try {
        live = await call({
          agentId,
          onState: (s) => {
            if (s === 'connected') { button.textContent = 'Hang up'; button.disabled = false; }
            if (s === 'ended') { live = undefined; button.textContent = label; button.disabled = false; }
          },
        });
        button.disabled = false;
        button.textContent = 'Hang up';
        // For the page: the live call (remoteStream, hangup, ended).
        document.dispatchEvent(new CustomEvent('appliance-web-call', { detail: live }));
      } catch (err) {
        button.disabled = false;
        button.textContent = label;
        button.title = String(err && err.message || err);
      }
    });
    tag.insertAdjacentElement('afterend', button);
  }

  window.ApplianceWebCall = { call, base };
  if (script && script.getAttribute('data-agent')) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountButton(script));
    else mountButton(script);
  }
})();
`;
