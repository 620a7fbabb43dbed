/**
 * Closing the pocketsphinx engine while a warm-up waits for a busy decoder: nothing may start
 * after close(). Calls warm the agent's model at call start; a test (or a shutdown) that closed
 * the engine during that warm-up used to get a fresh helper process spawned afterwards, which
 * kept the process alive (capacity.test.ts then hung until tap's timeout).
 */
import { existsSync } from 'node:fs';
import t from 'tap';
import { PocketsphinxEngine } from '../stt/pocketsphinx.js';

const haveHelper = existsSync(new URL('../native/build/ps_helper', import.meta.url));

t.test(
  'close() during a queued warm-up: the warm-up fails, no helper outlives the engine',
  { skip: !haveHelper && 'pocketsphinx helper not built (models/native/build.sh)' },
  async (t) => {
    const engine = await PocketsphinxEngine.load({ poolSize: 1 });
    const pids = engine.helperPids();
    t.equal(pids.length, 1, 'one warm helper');
    // The only decoder is busy with an utterance; the warm-up queues behind it.
    const stream = engine.startStream({});
    stream.write(new Int16Array(3200), 16000);
    // Settled at once: the refusal arrives while close() is awaited.
    const warm = engine.warm({ phrases: ['what are your opening hours'], mode: 'closed' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    await new Promise((r) => setTimeout(r, 200));
    await engine.close();
    stream.abort();
    t.match(String(await warm), /closed/, 'the queued warm-up is refused');
    await new Promise((r) => setTimeout(r, 500));
    t.same(engine.helperPids(), [], 'no helper alive after close');
    for (const pid of pids) {
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      t.notOk(alive, `helper ${pid} is gone`);
    }
  },
);
