import type { AppContext } from '../context.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { dayOf, ensureRolled } from './rollup.js';
import { analyticsRoutes } from './routes.js';
import { gapRoutes } from './gap-routes.js';
import { PostCallExtractor, type PostCallLlm } from './post-call-llm.js';

/** How often final days are rolled up in the background, ms: a day becomes final once a day. */
const rollEveryMs = 3_600_000;
/** The first background pass waits this long after start (boot, model loading go first), ms. */
const firstRollAfterMs = 60_000;
/** Days back the background pass covers: the analytics' longest range (two years) and a margin. */
const rollBackDays = 740;

/**
 * Rolls up every business's final days not rolled yet (rollup.ts), so that no analytics request
 * pays for it. Idempotent; several nodes doing it at once cost only repeated work.
 */
export async function rollFinalDays(app: Pick<AppContext, 'db' | 'now'>): Promise<number> {
  const now = app.now();
  const businesses = await app.db.kysely.selectFrom('businesses').select('id').execute();
  for (const b of businesses)
    await ensureRolled(
      app.db,
      b.id,
      dayOf(now.getTime() - rollBackDays * 86_400_000),
      dayOf(now.getTime()),
      now,
    );
  return businesses.length;
}

export interface AnalyticsModule extends ApplianceModule {
  /**
   * The post-call record's LLM step (post-call-llm.ts), handed to where conversations and calls
   * end (the agent's conversation store, the calls' records): one instance, so a call whose
   * record is built twice (conversation end, call end) asks the LLM once.
   */
  readonly postCall: PostCallExtractor;
}

/** Call analytics and the knowledge-gaps loop: read-only over calls and turns, plus gap answers. */
export function createAnalyticsModule(deps: ModuleDeps): AnalyticsModule {
  // The models runtime's LLM once loaded, like the agent's (until then, and with none
  // configured, the rules alone fill the fields).
  const postCall = new PostCallExtractor({
    llm: (): PostCallLlm | undefined => deps.app.models.loaded()?.llm,
    log: deps.app.log,
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const pass = (): void => {
    running = running
      .then(() => rollFinalDays(deps.app))
      .catch((err: unknown) => deps.app.log.warn({ err }, 'analytics rollup pass failed'));
  };
  return {
    name: 'analytics',
    postCall,
    routes: () => [...gapRoutes(deps), ...analyticsRoutes(deps)],
    start: () => {
      timer = setTimeout(function tick() {
        pass();
        timer = setTimeout(tick, rollEveryMs).unref();
      }, firstRollAfterMs).unref();
      return Promise.resolve();
    },
    stop: async () => {
      clearTimeout(timer);
      await running;
    },
  };
}
