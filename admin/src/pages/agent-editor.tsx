import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { type Agent, type AgentConfig, tones, type TrainingStatus, voiceEngines } from '../api/types';
import { Link, navigate } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, Select, TextArea } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { WebCallButton } from '../ui/web-call';
import { Async, Badge, fmtDate, Page } from '../ui/page';
import { HoursEditor } from './hours-editor';
import { FaqEditor, IntentsEditor } from './qa-editors';
import { ExtractionEditor } from './extraction-editor';
import { KnowledgeGraphPanel } from './knowledge-graph';

const tabs = ['General', 'Facts & hours', 'FAQ', 'Intents', 'Behaviour', 'After the call'] as const;
type Tab = (typeof tabs)[number];

const editable = (a: Agent): AgentConfig => ({
  name: a.name,
  greeting: a.greeting,
  language: a.language,
  personality: a.personality,
  voice: a.voice,
  numbers: a.numbers,
  facts: a.facts,
  faqs: a.faqs,
  intents: a.intents,
  behaviour: a.behaviour,
  extraction: a.extraction,
});

export function AgentEditorPage({ id }: { id: string }): JSX.Element {
  const loaded = useGet<Agent>(`/agents/${id}`);
  // Discard remounts the editor with the server's copy (its form state is local).
  const [generation, setGeneration] = useState(0);
  return (
    <Async state={loaded}>
      {(a) => (
        <AgentEditor
          key={generation}
          agent={a}
          onDiscard={() => {
            loaded.reload();
            setGeneration((g) => g + 1);
          }}
        />
      )}
    </Async>
  );
}

function TrainingPanel({ id, version }: { id: string; version: number }): JSX.Element {
  const [poll, setPoll] = useState(false);
  const st = useGet<TrainingStatus>(`/agents/${id}/status`, poll ? 1000 : undefined);
  useEffect(() => {
    const training = st.data?.status === 'training';
    if (poll && st.data && !training)
      announce(`Training ${st.data.status === 'ready' ? 'finished: agent ready' : st.data.status}`);
    setPoll(training);
  }, [st.data?.status]);
  useEffect(() => st.reload(), [version]);
  const train = useAction(async () => {
    await api<TrainingStatus>('POST', `/agents/${id}/train`);
    announce('Training started');
    setPoll(true);
    st.reload();
  });
  const s = st.data;
  return (
    <section class="card training" aria-labelledby="training-h">
      <h2 id="training-h">Training</h2>
      {s ? (
        <div aria-live="polite">
          <p>
            Status: <Badge value={s.status} />
            {s.needsTraining && s.status !== 'training' && (
              <span class="warn"> Changes not trained yet.</span>
            )}
          </p>
          {s.status === 'training' && (
            <>
              <progress max={Math.max(1, s.stepsTotal)} value={s.stepsDone} aria-label="Training progress" />
              <p class="muted">{s.step ?? 'working'}</p>
            </>
          )}
          {s.error && <p class="notice error">{s.error}</p>}
          <p class="muted">Last trained: {fmtDate(s.trainedAt)}</p>
        </div>
      ) : (
        <ErrorNotice error={st.error} />
      )}
      <button
        type="button"
        class="primary"
        disabled={train.busy || s?.status === 'training'}
        onClick={() => void train.run()}
      >
        {s?.status === 'training' ? 'Training…' : 'Train agent'}
      </button>
      <ErrorNotice error={train.error} />
    </section>
  );
}

function AgentEditor({ agent, onDiscard }: { agent: Agent; onDiscard: () => void }): JSX.Element {
  const [cfg, setCfg] = useState<AgentConfig>(editable(agent));
  const [numbersText, setNumbersText] = useState(agent.numbers.join('\n'));
  const [tab, setTab] = useState<Tab>('General');
  const [version, setVersion] = useState(agent.version);
  const save = useAction(async () => {
    const numbers = numbersText
      .split(/[\n,]/)
      .map((n) => n.trim())
      .filter(Boolean);
    const saved = await api<Agent>('PUT', `/agents/${agent.id}`, { ...cfg, numbers });
    setCfg(editable(saved));
    setNumbersText(saved.numbers.join('\n'));
    setVersion(saved.version);
    announce('Agent saved');
  });
  const del = useAction(async () => {
    if (!confirm(`Delete agent ${agent.name}? Its numbers are released.`)) return;
    await api('DELETE', `/agents/${agent.id}`);
    announce('Agent deleted');
    navigate('/agents');
  });
  const errs = save.error instanceof ApiError ? save.error.fields : {};
  const up = <K extends keyof AgentConfig>(k: K, v: AgentConfig[K]): void => setCfg({ ...cfg, [k]: v });

  return (
    <Page
      title={`Agent: ${agent.name}`}
      actions={
        <>
          <Link href={`/chat/${agent.id}`} class="button">
            Test in chat
          </Link>
          <WebCallButton agentId={agent.id} />
          <button type="button" class="danger" onClick={() => void del.run()} disabled={del.busy}>
            Delete
          </button>
        </>
      }
    >
      <ErrorNotice error={del.error} />
      <div class="split">
        <Form onSubmit={save.run} label="Agent settings" class="card grow">
          <div role="tablist" aria-label="Agent settings sections" class="tabs">
            {tabs.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`tab-${t}`}
                aria-selected={tab === t}
                aria-controls="agent-panel"
                tabIndex={tab === t ? 0 : -1}
                onClick={() => setTab(t)}
                onKeyDown={(e) => {
                  const i = tabs.indexOf(t);
                  const next =
                    e.key === 'ArrowRight'
                      ? tabs[(i + 1) % tabs.length]
                      : e.key === 'ArrowLeft'
                        ? tabs[(i + tabs.length - 1) % tabs.length]
                        : undefined;
                  if (next) {
                    e.preventDefault();
                    setTab(next);
                    document.getElementById(`tab-${next}`)?.focus();
                  }
                }}
              >
                {t}
              </button>
            ))}
          </div>
          <div id="agent-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === 'General' && (
              <>
                <Field
                  label="Name"
                  required
                  value={cfg.name}
                  onValue={(v) => up('name', v)}
                  error={errs.name}
                />
                <TextArea
                  label="Greeting"
                  value={cfg.greeting}
                  onValue={(v) => up('greeting', v)}
                  error={errs.greeting}
                />
                <Field
                  label="Language"
                  value={cfg.language}
                  onValue={(v) => up('language', v)}
                  error={errs.language}
                  hint="e.g. en-US"
                />
                <fieldset>
                  <legend>Personality</legend>
                  <Field
                    label="Agent's name"
                    value={cfg.personality.name}
                    onValue={(v) => up('personality', { ...cfg.personality, name: v })}
                    error={errs['personality.name']}
                  />
                  <Select
                    label="Tone"
                    value={cfg.personality.tone}
                    options={tones}
                    onValue={(v) => up('personality', { ...cfg.personality, tone: v })}
                  />
                  <TextArea
                    label="Instructions"
                    value={cfg.personality.instructions}
                    onValue={(v) => up('personality', { ...cfg.personality, instructions: v })}
                    error={errs['personality.instructions']}
                  />
                </fieldset>
                <fieldset>
                  <legend>Voice</legend>
                  <Select
                    label="Engine"
                    value={cfg.voice.engine}
                    options={voiceEngines}
                    onValue={(v) => up('voice', { ...cfg.voice, engine: v })}
                  />
                  <Field
                    label="Voice"
                    value={cfg.voice.voice}
                    onValue={(v) => up('voice', { ...cfg.voice, voice: v })}
                    hint="Empty: the engine's default"
                  />
                  <Field
                    label="Speed"
                    type="number"
                    min={0.5}
                    max={2}
                    step={0.1}
                    value={cfg.voice.speed}
                    onValue={(v) => up('voice', { ...cfg.voice, speed: Number(v) })}
                    error={errs['voice.speed']}
                  />
                </fieldset>
                <TextArea
                  label="Phone numbers"
                  hint="One per line: numbers or SIP user parts this agent answers."
                  value={numbersText}
                  onValue={setNumbersText}
                  error={Object.entries(errs).find(([k]) => k.startsWith('numbers'))?.[1]}
                />
              </>
            )}
            {tab === 'Facts & hours' && (
              <>
                <HoursEditor
                  value={cfg.facts.hours}
                  onChange={(hours) => up('facts', { ...cfg.facts, hours })}
                  errors={errs}
                />
                <Field
                  label="Hours note"
                  value={cfg.facts.hoursNote}
                  onValue={(v) => up('facts', { ...cfg.facts, hoursNote: v })}
                  hint="e.g. closed on public holidays"
                />
                <Field
                  label="Address"
                  value={cfg.facts.address}
                  onValue={(v) => up('facts', { ...cfg.facts, address: v })}
                />
                <Field
                  label="Phone"
                  value={cfg.facts.phone}
                  onValue={(v) => up('facts', { ...cfg.facts, phone: v })}
                />
                <Field
                  label="Email"
                  value={cfg.facts.email}
                  onValue={(v) => up('facts', { ...cfg.facts, email: v })}
                />
                <Field
                  label="Website"
                  value={cfg.facts.website}
                  onValue={(v) => up('facts', { ...cfg.facts, website: v })}
                />
                <Field
                  label="Transfer to (extension or SIP URI)"
                  value={cfg.facts.transferExtension}
                  onValue={(v) => up('facts', { ...cfg.facts, transferExtension: v })}
                />
              </>
            )}
            {tab === 'FAQ' && <FaqEditor value={cfg.faqs} onChange={(v) => up('faqs', v)} errors={errs} />}
            {tab === 'Intents' && (
              <IntentsEditor value={cfg.intents} onChange={(v) => up('intents', v)} errors={errs} />
            )}
            {tab === 'After the call' && (
              <ExtractionEditor value={cfg.extraction} onChange={(v) => up('extraction', v)} errors={errs} />
            )}
            {tab === 'Behaviour' && (
              <>
                <Field
                  label="Silence before reprompt (ms)"
                  type="number"
                  value={cfg.behaviour.silenceTimeoutMs}
                  onValue={(v) => up('behaviour', { ...cfg.behaviour, silenceTimeoutMs: Number(v) })}
                  error={errs['behaviour.silenceTimeoutMs']}
                />
                <Field
                  label="Reprompts before goodbye"
                  type="number"
                  value={cfg.behaviour.silenceReprompts}
                  onValue={(v) => up('behaviour', { ...cfg.behaviour, silenceReprompts: Number(v) })}
                  error={errs['behaviour.silenceReprompts']}
                />
                <Field
                  label="Goodbye"
                  value={cfg.behaviour.goodbye}
                  onValue={(v) => up('behaviour', { ...cfg.behaviour, goodbye: v })}
                />
                <Field
                  label="Longest call (s)"
                  type="number"
                  value={cfg.behaviour.maxCallDurationS}
                  onValue={(v) => up('behaviour', { ...cfg.behaviour, maxCallDurationS: Number(v) })}
                  error={errs['behaviour.maxCallDurationS']}
                />
                <Field
                  label="Transfer digit"
                  value={cfg.behaviour.transferDigit}
                  maxLength={1}
                  onValue={(v) => up('behaviour', { ...cfg.behaviour, transferDigit: v })}
                  error={errs['behaviour.transferDigit']}
                  hint="DTMF key that reaches a human; empty disables"
                />
                <fieldset>
                  <legend>Caller audio (for understanding only; recordings keep the original)</legend>
                  <label>
                    <input
                      type="checkbox"
                      checked={cfg.behaviour.denoise}
                      onChange={(x) =>
                        up('behaviour', { ...cfg.behaviour, denoise: x.currentTarget.checked })
                      }
                    />{' '}
                    Noise reduction (RNNoise) before speech detection and recognition
                  </label>
                  <label>
                    <input
                      type="checkbox"
                      checked={cfg.behaviour.agc}
                      onChange={(x) => up('behaviour', { ...cfg.behaviour, agc: x.currentTarget.checked })}
                    />{' '}
                    Automatic gain for quiet callers
                  </label>
                </fieldset>
              </>
            )}
          </div>
          <ErrorNotice error={save.error} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={save.busy}>
              {save.busy ? 'Saving…' : 'Save changes'}
            </button>
            <button type="button" onClick={onDiscard} disabled={save.busy}>
              Discard
            </button>
            <span class="muted">Version {version}</span>
          </div>
        </Form>
        <TrainingPanel id={agent.id} version={version} />
        <KnowledgeGraphPanel id={agent.id} />
      </div>
    </Page>
  );
}
