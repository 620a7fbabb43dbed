import { randomUUID } from 'node:crypto';

/** Branded ids: a BusinessId can never be passed where an AgentId is expected. */
type Brand<T, B extends string> = T & { readonly __brand: B };
export type BusinessId = Brand<string, 'BusinessId'>;
export type UserId = Brand<string, 'UserId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type ApiKeyId = Brand<string, 'ApiKeyId'>;
export type ConversationId = Brand<string, 'ConversationId'>;
export type CallId = Brand<string, 'CallId'>;

export const newId = <T extends string>(): T => randomUUID() as T;
export const nowIso = (): string => new Date().toISOString();
