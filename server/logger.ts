import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.js";
import { LineBatch } from "./log-destination.js";

/** Tokens and keys never reach the log, whichever object carries them. */
export const REDACT = {
  paths: ["*.authorization", "*.token", "*.apiKey", "*.secretKey", "headers.authorization"],
  censor: "[redacted]",
};

/** The server's JSON log: written in batches, at least every second (see `LineBatch`). */
export function logDestination(dest: number | string = 1): DestinationStream {
  return new LineBatch(dest);
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
