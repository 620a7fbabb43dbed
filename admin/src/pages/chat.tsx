import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { BodyOf, ChatReply, ResponseOf } from '../api/types';
import { Link, navigate } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Form, Select } from '../ui/form';
import { show } from '../ui/format';
import { useAction, useGet } from '../ui/hooks';
import { Async, Page } from '../ui/page';

interface Line {
  role: 'caller' | 'agent';
  text: string;
  latencyMs?: number;
  sources?: string[];
  grounded?: boolean;
}

/** A text chat with an agent: the same engine that answers calls, typed instead of spoken. */
export function ChatPage({ agentId }: { agentId?: string | undefined }): JSX.Element {
  const agents = useGet<ResponseOf<'getAgents'>>('/agents?limit=200');
  return (
    <Page title="Chat with an agent">
      <Async state={agents}>
        {(d) =>
          d.items.length === 0 ? (
            <p class="muted">
              No agents yet. <Link href="/agents">Create one</Link> first.
            </p>
          ) : (
            <>
              <Select
                label="Agent"
                value={agentId ?? ''}
                options={[
                  { value: '', label: 'Choose an agent…' },
                  ...d.items.map((a) => ({ value: a.id, label: a.name })),
                ]}
                onValue={(v) => navigate(v ? `/chat/${v}` : '/chat')}
              />
              {agentId && <ChatBox key={agentId} agentId={agentId} />}
            </>
          )
        }
      </Async>
    </Page>
  );
}

function ChatBox({ agentId }: { agentId: string }): JSX.Element {
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const [conversationId, setConversationId] = useState<string | undefined>(undefined);
  const log = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);
  const send = useAction(async () => {
    const message = text.trim();
    if (!message) return;
    setLines((l) => [...l, { role: 'caller', text: message }]);
    setText('');
    const body: BodyOf<'postAgentsIdChat'> = { message, ...(conversationId ? { conversationId } : {}) };
    const r = await api<ChatReply>('POST', `/agents/${agentId}/chat`, body);
    setConversationId(r.conversationId);
    const greeting = r.greeting;
    const answer: Line = {
      role: 'agent',
      text: show(r.reply),
      latencyMs: Math.round(r.agentMs),
      sources: r.sources,
      grounded: r.grounded,
    };
    setLines((l) => {
      // A new conversation opens with the agent's greeting, shown before the first message.
      const opening = greeting && !conversationId;
      if (!opening) return [...l, answer];
      return [...l.slice(0, -1), { role: 'agent', text: greeting }, ...l.slice(-1), answer];
    });
    // The engine ended the conversation (goodbye): the next message starts a new one.
    if (r.ended) setConversationId(undefined);
    input.current?.focus();
  });
  return (
    <div class="card chat">
      <ol class="chat-log" ref={log} aria-label="Conversation" aria-live="polite">
        {lines.length === 0 && <li class="muted">Say hello to start.</li>}
        {lines.map((l, i) => (
          <li key={i} class={`bubble ${l.role}`}>
            <span class="sr-only">{l.role === 'agent' ? 'Agent' : 'You'}: </span>
            {l.text}
            {l.latencyMs !== undefined && <small class="muted"> · {l.latencyMs} ms</small>}
            {l.grounded && <small class="muted"> · from your knowledge</small>}
            {l.sources && l.sources.length > 0 && (
              <details>
                <summary>Sources ({l.sources.length})</summary>
                <ul>
                  {l.sources.map((x, j) => (
                    <li key={j}>{x}</li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
      <ErrorNotice error={send.error} />
      <Form onSubmit={send.run} label="Send a message" class="chat-input">
        <label for="chat-msg" class="sr-only">
          Message
        </label>
        <input
          id="chat-msg"
          ref={input}
          value={text}
          autoComplete="off"
          placeholder="Type a message…"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={send.busy || !text.trim()}>
          {send.busy ? 'Sending…' : 'Send'}
        </button>
        {conversationId && (
          <Link href={`/conversations/${conversationId}`} class="button">
            View transcript
          </Link>
        )}
      </Form>
    </div>
  );
}
