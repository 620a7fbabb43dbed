/**
 * Server-Sent Events parser (WHATWG rules that matter for chat streams): lines split on
 * CRLF/LF/CR, `data:` lines joined with '\n', blank line dispatches, ':' comments ignored.
 * Lines longer than maxLineBytes abort the stream (a broken or hostile server).
 */
import { ModelError } from '../types.js';

export interface SseEvent {
  event: string;
  data: string;
}

export async function* parseSse(
  body: AsyncIterable<Uint8Array>,
  maxLineBytes = 1 << 20,
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buf = '';
  let data: string[] = [];
  let event = '';
  const handle = function* (line: string): Generator<SseEvent> {
    if (line === '') {
      if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
      data = [];
      event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  };
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    let m: RegExpExecArray | null;
    const re = /\r\n|\n|\r/g;
    let start = 0;
    while ((m = re.exec(buf)) !== null) {
      // A lone '\r' at the very end may be the first half of '\r\n': wait for more.
      if (m[0] === '\r' && m.index === buf.length - 1) break;
      yield* handle(buf.slice(start, m.index));
      start = m.index + m[0].length;
    }
    buf = buf.slice(start);
    if (buf.length > maxLineBytes) throw new ModelError('SSE line too long', 'engine-failed');
  }
  buf += decoder.decode();
  if (buf.length > 0) yield* handle(buf);
  yield* handle('');
}
