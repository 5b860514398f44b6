import { printable } from '../core/printable.ts';

/**
 * Texts a command made safe for a terminal itself (every value through printable, then our own
 * colour codes), to be written as they are; any other text is escaped on the way out. Kept by
 * value: a string equal to one made safe is just as safe, whoever passes it.
 */
const madeSafe = new Map<string, number>();

/** Marks text whose values went through printable, so its own escape codes (colours) are kept when it is written. */
export function terminalText(text: string): string {
  madeSafe.set(text, (madeSafe.get(text) ?? 0) + 1);
  return text;
}

/** Whether the text was marked safe, using up one mark. */
function takeMark(text: string): boolean {
  const n = madeSafe.get(text);
  if (n === undefined) return false;
  if (n > 1) madeSafe.set(text, n - 1);
  else madeSafe.delete(text);
  return true;
}

/** What a command may touch of the outside world; tests run commands as real processes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress is shown only then. */
  isTTY: boolean;
  /** Waits before a retry (a real timer when absent); tests pass one that only records the wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Whether diagnostics are coloured: on a terminal, unless NO_COLOR is set (no-color.org). */
export function colorOn(io: CliIO): boolean {
  return io.isTTY && !io.env.NO_COLOR;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/**
 * The IO every command gets: whatever it prints is shown with control characters, bidirectional
 * overrides and the like as visible escapes (line breaks kept), so no record value reaches the
 * terminal raw. JSON stays the same JSON: printable's escapes are JSON escapes inside strings.
 */
export function terminalSafe(io: CliIO): CliIO {
  const safe = (t: string) => (takeMark(t) ? t : printable(t, { lines: true }));
  return { ...io, stdout: (t) => io.stdout(safe(t)), stderr: (t) => io.stderr(safe(t)) };
}

/** A progress line on stderr that rewrites itself; silent when not on a terminal. */
export function progress(io: CliIO): (text: string) => void {
  if (!io.isTTY) return () => {};
  let last = 0;
  return (text) => {
    const now = Date.now();
    if (text && now - last < 100) return;
    last = now;
    io.stderr(terminalText(`\r\x1b[2K${printable(text)}`));
  };
}
