import type { JSX } from 'preact';
import { type AgentConfig, intentActions } from '../api/types';
import { Field, Select, TextArea } from '../ui/form';

type Faq = AgentConfig['faqs'][number];
type Intent = AgentConfig['intents'][number];

/** FAQ pairs: question and answer, added and removed in place. */
export function FaqEditor({
  value,
  onChange,
  errors,
}: {
  value: Faq[];
  onChange: (v: Faq[]) => void;
  errors: Record<string, string>;
}): JSX.Element {
  const set = (i: number, patch: Partial<Faq>): void =>
    onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div>
      {value.length === 0 && <p class="muted">No questions yet.</p>}
      {value.map((f, i) => (
        <fieldset key={i} class="pair">
          <legend>Question {i + 1}</legend>
          <Field
            label="Question"
            value={f.question}
            onValue={(v) => set(i, { question: v })}
            error={errors[`faqs.${i}.question`]}
          />
          <TextArea
            label="Answer"
            value={f.answer}
            onValue={(v) => set(i, { answer: v })}
            error={errors[`faqs.${i}.answer`]}
          />
          <button type="button" class="link danger" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove question {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...value, { question: '', answer: '' }])}>
        Add question
      </button>
    </div>
  );
}

/** Intents: example phrases the classifier learns, with the response or action they trigger. */
export function IntentsEditor({
  value,
  onChange,
  errors,
}: {
  value: Intent[];
  onChange: (v: Intent[]) => void;
  errors: Record<string, string>;
}): JSX.Element {
  const set = (i: number, patch: Partial<Intent>): void =>
    onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div>
      {value.length === 0 && (
        <p class="muted">No intents: the agent answers from facts, FAQ and knowledge.</p>
      )}
      {value.map((it, i) => (
        <fieldset key={i} class="pair">
          <legend>Intent {i + 1}</legend>
          <Field
            label="Name"
            value={it.name}
            onValue={(v) => set(i, { name: v })}
            error={errors[`intents.${i}.name`]}
            hint="lower_case_with_underscores"
          />
          <TextArea
            label="Example phrases (one per line)"
            value={it.examples.join('\n')}
            onValue={(v) => set(i, { examples: v.split('\n') })}
            error={Object.entries(errors).find(([k]) => k.startsWith(`intents.${i}.examples`))?.[1]}
          />
          <TextArea label="Response" value={it.response} onValue={(v) => set(i, { response: v })} />
          <Select
            label="Action"
            value={it.action}
            options={intentActions}
            onValue={(v) => set(i, { action: v })}
          />
          <button type="button" class="link danger" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove intent {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange([...value, { name: '', examples: [''], response: '', action: 'respond' }])}
      >
        Add intent
      </button>
    </div>
  );
}
