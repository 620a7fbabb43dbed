/** Validation of the SDP-derived session parameters (shared by the host and the worker). */
import type { SessionParams } from '../types.js';

export class SessionParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionParamsError';
  }
}

export function validateParams(p: SessionParams): void {
  const ptime = p.ptimeMs ?? 20;
  if (!Number.isInteger(ptime) || ptime < 10 || ptime > 60 || ptime % 10 !== 0) {
    throw new SessionParamsError(`ptimeMs must be 10..60 in 10 ms steps, got ${ptime}`);
  }
  if (!Number.isInteger(p.remotePort) || p.remotePort < 1 || p.remotePort > 65535) {
    throw new SessionParamsError(`invalid remotePort ${p.remotePort}`);
  }
  if (typeof p.remoteAddress !== 'string' || p.remoteAddress.length === 0) {
    throw new SessionParamsError('remoteAddress required');
  }
  if (p.srtp) {
    for (const k of [p.srtp.localKey, p.srtp.remoteKey]) {
      if (typeof k !== 'string' || Buffer.from(k, 'base64').length !== 30)
        throw new SessionParamsError('srtp keys must be base64 of 30 bytes (16 key + 14 salt)');
    }
    if (p.srtp.suite !== 'AES_CM_128_HMAC_SHA1_80')
      throw new SessionParamsError(`unsupported SRTP suite ${String(p.srtp.suite)}`);
  }
  const pt = p.codec.payloadType;
  if (!Number.isInteger(pt) || pt < 0 || pt > 127) throw new SessionParamsError(`invalid payloadType ${pt}`);
  if (p.dtmfPayloadType !== undefined && (p.dtmfPayloadType < 0 || p.dtmfPayloadType > 127)) {
    throw new SessionParamsError(`invalid dtmfPayloadType ${p.dtmfPayloadType}`);
  }
}
