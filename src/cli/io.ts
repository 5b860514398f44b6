/** What a command may touch of the outside world; tests run commands as real processes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress is shown only then. */
  isTTY: boolean;
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

/** A progress line on stderr that rewrites itself; silent when not on a terminal. */
export function progress(io: CliIO): (text: string) => void {
  if (!io.isTTY) return () => {};
  let last = 0;
  return (text) => {
    const now = Date.now();
    if (text && now - last < 100) return;
    last = now;
    io.stderr(`\r\x1b[2K${text}`);
  };
}
