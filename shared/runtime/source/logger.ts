/** Where the source runtime reports what it does: one structured entry per event. */
export interface SourceLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** One JSON line per entry on stdout/stderr: what CloudWatch Logs and local terminals both read well. */
export const jsonConsoleLogger: SourceLogger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'INFO', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'WARN', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'ERROR', message, ...fields })),
};

/** Drops every entry (tests). */
export const silentLogger: SourceLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
