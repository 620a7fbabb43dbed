import type { Route } from '../http/route.js';
import type { ModuleDeps } from '../module.js';

export function analyticsRoutes(_deps: ModuleDeps): Route[] {
  return [];
}
