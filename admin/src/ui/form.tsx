import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

/** Labelled form controls: every input has a <label>, and a field error is tied to it with aria-describedby. */
interface FieldBase {
  label: string;
  error?: string | undefined;
  hint?: string;
}

type InputProps = FieldBase &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
    value: string | number;
    onValue: (v: string) => void;
  };

export function Field({ label, error, hint, value, onValue, ...rest }: InputProps): JSX.Element {
  const id = useId();
  const descId = `${id}-desc`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        {...rest}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? descId : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {(error || hint) && (
        <small id={descId} class={error ? 'field-error' : 'hint'}>
          {error ?? hint}
        </small>
      )}
    </div>
  );
}

type AreaProps = FieldBase &
  Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value'> & {
    value: string;
    onValue: (v: string) => void;
  };

export function TextArea({ label, error, hint, value, onValue, ...rest }: AreaProps): JSX.Element {
  const id = useId();
  const descId = `${id}-desc`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        {...rest}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? descId : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {(error || hint) && (
        <small id={descId} class={error ? 'field-error' : 'hint'}>
          {error ?? hint}
        </small>
      )}
    </div>
  );
}

interface SelectProps<T extends string> extends FieldBase {
  value: T;
  options: readonly (T | { value: T; label: string })[];
  onValue: (v: T) => void;
  disabled?: boolean;
}

export function Select<T extends string>({
  label,
  error,
  hint,
  value,
  options,
  onValue,
  disabled,
}: SelectProps<T>): JSX.Element {
  const id = useId();
  const descId = `${id}-desc`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? descId : undefined}
        onChange={(e) => onValue(e.currentTarget.value as T)}
      >
        {options.map((o) => {
          const v = typeof o === 'string' ? o : o.value;
          return (
            <option key={v} value={v}>
              {typeof o === 'string' ? o : o.label}
            </option>
          );
        })}
      </select>
      {(error || hint) && (
        <small id={descId} class={error ? 'field-error' : 'hint'}>
          {error ?? hint}
        </small>
      )}
    </div>
  );
}

export function Form({
  onSubmit,
  children,
  label,
  class: cls,
}: {
  onSubmit: () => void | Promise<void>;
  children: ComponentChildren;
  label?: string;
  class?: string;
}): JSX.Element {
  return (
    <form
      class={cls}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
