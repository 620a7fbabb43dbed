import type { Migration } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_knowledge.js';
import * as m0003 from './0003_billing.js';
import * as m0004 from './0004_conversations.js';
import * as m0005 from './0005_calls.js';
import * as m0006 from './0006_call_event_index.js';
import * as m0007 from './0007_security_hardening.js';
import * as m0008 from './0008_trust.js';
import * as m0009 from './0009_login_throttle.js';
import * as m0010 from './0010_bridged_calls.js';
import * as m0011 from './0011_web_call_origins.js';
import * as m0012 from './0012_cluster.js';
import * as m0013 from './0013_analytics.js';
import * as m0014 from './0014_campaigns.js';

/**
 * Every migration, in order. Names sort lexically; a later issue appends its own file here.
 * Migrations are code, not files found at run time, so the built image cannot miss one.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_knowledge': m0002,
  '0003_billing': m0003,
  '0004_conversations': m0004,
  '0005_calls': m0005,
  '0006_call_event_index': m0006,
  '0007_security_hardening': m0007,
  '0008_trust': m0008,
  '0009_login_throttle': m0009,
  '0010_bridged_calls': m0010,
  '0011_web_call_origins': m0011,
  '0012_cluster': m0012,
  '0013_analytics': m0013,
  '0014_campaigns': m0014,
};
