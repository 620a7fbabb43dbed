import { z } from 'zod';
import { authedRoute, type Route } from '../http/route.js';
import type { AgentEngine } from './engine.js';
import type { ReplyEvent } from './types.js';

export const chatBody = z.strictObject({
  /** Continue this conversation; omit to start one (the reply then includes the greeting). */
  conversationId: z.uuid().optional(),
  message: z.string().trim().min(1).max(2000),
});

const action = z.object({
  action: z.enum(['transfer', 'end_call', 'take_message']),
  target: z.string().optional(),
  message: z
    .object({
      name: z.string().optional(),
      callbackNumber: z.string().optional(),
      text: z.string().optional(),
    })
    .optional(),
});

export const chatResponse = z.object({
  conversationId: z.string(),
  greeting: z.string().optional(),
  reply: z.string(),
  sentences: z.array(z.string()),
  intent: z.string(),
  confidence: z.number(),
  grounded: z.boolean(),
  sources: z.array(z.string()),
  actions: z.array(action),
  agentMs: z.number(),
  /** The agent ended the conversation (goodbye); further messages need a new conversation. */
  ended: z.boolean(),
});

/**
 * The text channel: the same engine as calls, one request per caller turn. Requests on the same
 * conversation are served one at a time, so turns keep their order.
 */
export function chatRoute(engine: AgentEngine): Route {
  const queues = new Map<string, Promise<unknown>>();
  const serial = async <T>(key: string, job: () => Promise<T>): Promise<T> => {
    const prev = queues.get(key) ?? Promise.resolve();
    const run = prev.then(job, job);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    try {
      return await run;
    } finally {
      if (queues.get(key) === tail) queues.delete(key);
    }
  };
  return authedRoute({
    method: 'post',
    path: '/agents/{id}/chat',
    tag: 'agents',
    summary: 'Talk to the agent over text (same engine as phone calls)',
    auth: 'editor',
    params: z.strictObject({ id: z.uuid() }),
    body: chatBody,
    responses: { 200: { description: "the agent's reply", schema: chatResponse } },
    handler: async ({ principal, params, body }) =>
      serial(body.conversationId ?? `new:${Math.random()}`, async () => {
        const conv = await engine.start({
          businessId: principal.businessId,
          agentId: params.id,
          channel: 'text',
          ...(body.conversationId ? { conversationId: body.conversationId } : {}),
        });
        const greeting = body.conversationId ? undefined : conv.greeting().text;
        const sentences: string[] = [];
        const actions: z.output<typeof action>[] = [];
        let done: Extract<ReplyEvent, { kind: 'done' }> | undefined;
        for await (const ev of conv.respond({ text: body.message })) {
          if (ev.kind === 'sentence') sentences.push(ev.text);
          else if (ev.kind === 'action')
            actions.push({
              action: ev.action,
              ...(ev.target ? { target: ev.target } : {}),
              ...(ev.message ? { message: ev.message } : {}),
            });
          else done = ev;
        }
        const ended = actions.some((a) => a.action === 'end_call' || a.action === 'transfer');
        if (ended) await conv.end(actions.some((a) => a.action === 'transfer') ? 'transfer' : 'goodbye');
        else await conv.flush();
        return {
          body: {
            conversationId: conv.id,
            ...(greeting ? { greeting } : {}),
            reply: sentences.join(' '),
            sentences,
            intent: done?.intent ?? 'unknown',
            confidence: done?.confidence ?? 0,
            grounded: done?.grounded ?? true,
            sources: done?.sources ?? [],
            actions,
            agentMs: Math.round((done?.agentMs ?? 0) * 10) / 10,
            ended,
          },
        };
      }),
  });
}
