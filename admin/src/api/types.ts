/** Response shapes of the appliance REST API (see /api/v1/openapi.json). */
export const roles = ['viewer', 'editor', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

export interface Profile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  address: string | null;
  timezone: string;
  website: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Plan {
  id: string;
  name: string;
  monthlyFeeCents: number;
  includedCalls: number | null;
  perCallCents: number;
  apiRatePerS: number;
}

export interface Subscription {
  id: string;
  planId: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  cancelAtPeriodEnd: boolean;
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const tones = ['friendly', 'professional', 'concise', 'warm'] as const;
export const voiceEngines = ['auto', 'piper', 'flite', 'festival', 'espeak-ng'] as const;
export const intentActions = ['respond', 'transfer', 'take_message', 'end_call'] as const;
export const agentStatuses = ['untrained', 'training', 'ready', 'failed'] as const;

export interface OpeningHours {
  days: Weekday[];
  open: string;
  close: string;
}

export interface AgentConfig {
  name: string;
  greeting: string;
  language: string;
  personality: { name: string; tone: (typeof tones)[number]; instructions: string };
  voice: { engine: (typeof voiceEngines)[number]; voice: string; speed: number };
  numbers: string[];
  facts: {
    hours: OpeningHours[];
    hoursNote: string;
    address: string;
    phone: string;
    email: string;
    website: string;
    transferExtension: string;
  };
  faqs: { question: string; answer: string }[];
  intents: { name: string; examples: string[]; response: string; action: (typeof intentActions)[number] }[];
  behaviour: {
    silenceTimeoutMs: number;
    silenceReprompts: number;
    goodbye: string;
    maxCallDurationS: number;
    transferDigit: string;
  };
}

export interface Agent extends AgentConfig {
  id: string;
  status: (typeof agentStatuses)[number];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TrainingStatus {
  status: (typeof agentStatuses)[number];
  step: string | null;
  stepsDone: number;
  stepsTotal: number;
  error: string | null;
  trainedAt: string | null;
  trainedVersion: number | null;
  version: number;
  needsTraining: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuditEntry {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total?: number;
}

/** Loose record for endpoints whose contract is still settling: pages read fields defensively. */
export type Loose = Record<string, unknown>;

export const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
