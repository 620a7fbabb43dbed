/**
 * Which new passwords are refused, and why. Checked on registration, when a user is added and on
 * every password change (never at login, so existing passwords keep working). Each rule has a
 * stable name that the 400 error states, so a UI can show it under the field.
 *
 * Rules, in order: at least 10 and at most 256 characters; not one unit repeated (`aaaaaaaaaa`,
 * `abcabcabca`, `passwordpassword`); at least 5 different characters; not a run of the digit,
 * alphabet or keyboard sequences (`1234567890`, `zyxwvutsrq`, `qwertyuiop`); not on the
 * common-password list (case-insensitive), also once leading and trailing digits and symbols are
 * taken off (`monkey2024!` is `monkey`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRule = 'length' | 'variety' | 'repetition' | 'sequence' | 'common-password';

/** The shipped list (see the header of common-passwords.txt for its source), lower-cased. */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    // Read from the source tree also when running from dist/ (the file is not compiled).
    const file = new URL('./common-passwords.txt', import.meta.url.replace('/dist/', '/'));
    common = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.trim().toLowerCase()),
    );
  }
  return common;
}

/** Sequences a run is taken from; the digit one wraps (`7890123`), each also read backwards. */
const SEQUENCES = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'azertyuiop',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];
const SEQUENCES_BOTH = [...SEQUENCES, ...SEQUENCES.map((s) => [...s].reverse().join(''))];

/** True when the text is one unit repeated (the last repetition may be cut short). */
function isRepetition(s: string): boolean {
  const chars = [...s];
  for (let p = 1; p <= chars.length / 2; p++) {
    let ok = true;
    for (let i = p; i < chars.length && ok; i++) ok = chars[i] === chars[i - p];
    if (ok) return true;
  }
  return false;
}

const isSequence = (s: string): boolean => s.length >= 4 && SEQUENCES_BOTH.some((q) => q.includes(s));

/** The word inside: lower-cased, leading and trailing digits, spaces and symbols removed. */
const core = (s: string): string => s.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** The first rule a new password breaks, with a sentence for people; undefined when it passes. */
export function passwordProblem(password: string): { rule: PasswordRule; message: string } | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH)
    return {
      rule: 'length',
      message: `password rejected (rule: length): use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    };
  const lower = password.toLowerCase();
  if (isRepetition(lower))
    return {
      rule: 'repetition',
      message: "password rejected (rule: repetition): it repeats one part (like 'aaaaaaaaaa' or 'abcabcabc')",
    };
  if (new Set(lower).size < 5)
    return {
      rule: 'variety',
      message: 'password rejected (rule: variety): it uses fewer than 5 different characters',
    };
  const word = core(password);
  if (
    isSequence(lower) ||
    isSequence(lower.replace(/[^\p{L}\p{N}]/gu, '')) ||
    (word.length >= 4 && isSequence(word))
  )
    return {
      rule: 'sequence',
      message:
        "password rejected (rule: sequence): it is a keyboard or counting run (like '1234567890' or 'qwertyuiop')",
    };
  const list = commonPasswords();
  if (list.has(lower) || (word.length >= 4 && list.has(word)))
    return {
      rule: 'common-password',
      message: 'password rejected (rule: common-password): it is on the list of commonly used passwords',
    };
  return undefined;
}

/** The request field for a new password: length bounds, then the rules above (400 naming the rule). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((pw, ctx) => {
    const problem = passwordProblem(pw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { rule: problem.rule } });
  })
  .describe(
    `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters, at least 5 different, not a repetition, keyboard/counting run or a commonly used password`,
  );
