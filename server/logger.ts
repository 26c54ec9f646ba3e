import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.js";

/** Tokens and keys never reach the log, whichever object carries them. */
export const REDACT = {
  paths: ["*.authorization", "*.token", "*.apiKey", "*.secretKey", "headers.authorization"],
  censor: "[redacted]",
};

/**
 * The server's JSON log. Lines are written in batches of about 4 KB, and at least every second,
 * rather than with a blocking write each: a chat request logs a line, and the write cost more than
 * the rest of the line's work. pino writes what is buffered when the process exits; a process
 * killed outright loses at most the last second of lines.
 */
export function logDestination(dest: number | string = 1): DestinationStream {
  return pino.destination({ dest, sync: false, minLength: 4096, periodicFlush: 1000 });
}

/**
 * A person at a terminal (not in production) reads colourised lines from pino-pretty; anything
 * else (a container, a file) gets JSON.
 */
export function createLogger(
  config: Pick<Config, "logLevel" | "nodeEnv">,
  opts: { destination?: DestinationStream } = {},
): Logger {
  const options = { level: config.logLevel, redact: REDACT };
  if (!opts.destination && process.stdout.isTTY && config.nodeEnv !== "production") {
    return pino({
      ...options,
      transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } },
    });
  }
  return pino(options, opts.destination ?? logDestination());
}
