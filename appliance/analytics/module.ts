import type { ApplianceModule, ModuleDeps } from '../module.js';
import { analyticsRoutes } from './routes.js';
import { gapRoutes } from './gap-routes.js';

/** Call analytics and the knowledge-gaps loop: read-only over calls and turns, plus gap answers. */
export function createAnalyticsModule(deps: ModuleDeps): ApplianceModule {
  return {
    name: 'analytics',
    routes: () => [...gapRoutes(deps), ...analyticsRoutes(deps)],
  };
}
