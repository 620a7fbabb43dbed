import type { JSX } from 'preact';
import { type OpeningHours, weekdays } from '../api/types';

const dayNames: Record<(typeof weekdays)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** Opening hours: rows of (days, open, close); a day may appear in several rows (split shifts). */
export function HoursEditor({
  value,
  onChange,
  errors,
}: {
  value: OpeningHours[];
  onChange: (v: OpeningHours[]) => void;
  errors: Record<string, string>;
}): JSX.Element {
  const set = (i: number, patch: Partial<OpeningHours>): void =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="hours">
      <legend>Opening hours</legend>
      {value.length === 0 && <p class="muted">No opening hours: the agent will not state any.</p>}
      {value.map((row, i) => {
        const err =
          errors[`facts.hours.${i}.days`] ??
          errors[`facts.hours.${i}.open`] ??
          errors[`facts.hours.${i}.close`];
        return (
          <div class="hours-row" key={i} role="group" aria-label={`Opening hours row ${i + 1}`}>
            <div class="days">
              {weekdays.map((d) => (
                <label key={d} class="day">
                  <input
                    type="checkbox"
                    checked={row.days.includes(d)}
                    onChange={(e) =>
                      set(i, {
                        days: e.currentTarget.checked
                          ? weekdays.filter((x) => x === d || row.days.includes(x))
                          : row.days.filter((x) => x !== d),
                      })
                    }
                  />
                  {dayNames[d]}
                </label>
              ))}
            </div>
            <label>
              Opens{' '}
              <input
                type="time"
                value={row.open}
                required
                onInput={(e) => set(i, { open: e.currentTarget.value })}
              />
            </label>
            <label>
              Closes{' '}
              <input
                type="time"
                value={row.close}
                required
                onInput={(e) => set(i, { close: e.currentTarget.value })}
              />
            </label>
            <button
              type="button"
              class="link danger"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              Remove row {i + 1}
            </button>
            {err && (
              <small class="field-error" role="alert">
                {err}
              </small>
            )}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          onChange([...value, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }])
        }
      >
        Add opening hours
      </button>
    </fieldset>
  );
}
