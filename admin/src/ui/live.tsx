import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** One polite aria-live region for async status ("Saved", "Training finished"), read by screen readers. */
const listeners = new Set<(text: string) => void>();

export function announce(text: string): void {
  for (const l of listeners) l(text);
}

export function LiveRegion(): JSX.Element {
  const [text, setText] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const l = (t: string): void => {
      // Clear first so repeating the same message is announced again.
      setText('');
      clearTimeout(timer);
      timer = setTimeout(() => {
        setText(t);
        // The visible toast fades after 5 s; the announcement has been read by then.
        timer = setTimeout(() => setText(''), 5000);
      }, 50);
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div class="toast" role="status" aria-live="polite" aria-atomic="true" data-empty={text ? 'no' : 'yes'}>
      {text}
    </div>
  );
}
