import type { JSX } from 'preact';
import { ApiError } from '../api/client';

/** Turns anything thrown into a message for people. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.unavailableFeature) return 'This feature is not available on this appliance yet.';
    if (err.code === 'forbidden') return `Not allowed: ${err.message}.`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** An error box, announced to assistive tech (role=alert). */
export function ErrorNotice({ error }: { error: unknown }): JSX.Element | null {
  if (error === undefined || error === null) return null;
  const unavailable = error instanceof ApiError && error.unavailableFeature;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div class={unavailable ? 'notice info' : 'notice error'} role="alert">
      <p>{errorText(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([path, msg]) => (
            <li key={path}>
              {path ? <code>{path}</code> : null} {msg}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
