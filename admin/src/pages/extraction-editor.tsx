import type { JSX } from 'preact';
import type { Agent } from '../api/types';
import { Field, Select } from '../ui/form';

type ExtractionField = Agent['extraction'][number];

const kinds = [
  { value: 'text_after_cue', label: 'Text after a cue' },
  { value: 'date', label: 'Date' },
  { value: 'number', label: 'Number' },
  { value: 'order_number', label: 'Order number' },
] as const satisfies readonly { value: ExtractionField['kind']; label: string }[];

/**
 * The values the business wants from each call (pet name, requested date, order number), filled
 * after the call from the caller's words by rules and shown in its post-call record.
 */
export function ExtractionEditor({
  value,
  onChange,
  errors,
}: {
  value: ExtractionField[];
  onChange: (v: ExtractionField[]) => void;
  errors: Record<string, string>;
}): JSX.Element {
  const set = (i: number, patch: Partial<ExtractionField>): void =>
    onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div>
      <p class="muted">
        Values taken from what callers say, shown with each conversation&apos;s outcome, summary and sentiment
        and sent in the call webhooks and CRM summary.
      </p>
      {value.map((f, i) => (
        <fieldset key={i} class="pair">
          <legend>Field {i + 1}</legend>
          <Field
            label="Name"
            value={f.name}
            onValue={(v) => set(i, { name: v })}
            error={errors[`extraction.${i}.name`]}
            hint="lower_case_with_underscores, e.g. pet_name"
          />
          <Select label="Kind" value={f.kind} options={kinds} onValue={(v) => set(i, { kind: v })} />
          <Field
            label="Cues (comma-separated)"
            value={f.cues.join(', ')}
            onValue={(v) =>
              set(i, {
                cues: v
                  .split(',')
                  .map((c) => c.trim())
                  .filter(Boolean),
              })
            }
            error={Object.entries(errors).find(([k]) => k.startsWith(`extraction.${i}.cues`))?.[1]}
            hint="The value follows these words, e.g. “name is, called”. Needed for text after a cue."
          />
          {f.kind === 'order_number' && (
            <Field
              label="Pattern"
              value={f.pattern}
              onValue={(v) => set(i, { pattern: v })}
              error={errors[`extraction.${i}.pattern`]}
              hint="A for a letter, 9 for a digit, e.g. AB-99999; empty: 5 or more digits"
            />
          )}
          <button type="button" class="link danger" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove field {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange([...value, { name: '', kind: 'text_after_cue', cues: [], pattern: '' }])}
      >
        Add field
      </button>
    </div>
  );
}
