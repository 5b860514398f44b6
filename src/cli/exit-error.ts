/** Commands throw ExitError to stop with a code; only main.ts calls process.exit. */
export class ExitError extends Error {
  readonly code: number;
  constructor(code: number, message = '') {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function usageError(message: string): ExitError {
  return new ExitError(EXIT.usage, message);
}
