/**
 * The chat transport's own CPU per turn, in one process, with no kernel and no client: the same
 * servers as bench/transport.ts (raw, ours, ours without the request features), their Node request
 * listeners driven one turn at a time over in-memory sockets. Over loopback, the server's CPU per
 * turn includes the kernel's cost of sending, which includes waking a client that waits, and a
 * client waits more on a slower server; here each server pays only for its own code.
 * `npm run bench:transport-cpu [-- --turns=2000 --rounds=15 --no-write]`.
 */

import { IncomingMessage, ServerResponse } from "node:http";
import { Duplex } from "node:stream";
import { getRequestListener } from "@hono/node-server";
import { flagArg, loadLine, numberArg, quantile } from "./load-stats.js";
import { machineLine, markdownTable, RUNNING_COMPILED, writeBenchmarkSection } from "./report.js";
import { CHAT_BODY, EVENTS_PER_TURN } from "./transport-events.js";
import { type OursShape, oursApp, rawHandler } from "./transport-server.js";

const TURNS = numberArg("turns", 2000);
const ROUNDS = numberArg("rounds", 15);
const WRITE = !flagArg("no-write");

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A socket that takes whatever is written and counts it. */
function sink(counter: { bytes: number }): Duplex {
  return new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done();
    },
    writev(chunks, done) {
      for (const c of chunks) counter.bytes += (c.chunk as Buffer).length;
      done();
    },
  });
}

/** One chat request through `listener`, as Node's HTTP server would hand it over; resolves when the response is done. */
function turn(listener: Listener, token: string, counter: { bytes: number }): Promise<void> {
  const socket = sink(counter);
  const req = new IncomingMessage(socket as never);
  const headers = {
    host: "127.0.0.1:3000",
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(CHAT_BODY)),
    connection: "keep-alive",
  };
  Object.assign(req, {
    method: "POST",
    url: "/v1/chat",
    httpVersion: "1.1",
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    headers,
    rawHeaders: Object.entries(headers).flat(),
    complete: true,
  });
  req.push(Buffer.from(CHAT_BODY));
  req.push(null);
  const res = new ServerResponse(req);
  res.assignSocket(socket as never);
  return new Promise((resolve, reject) => {
    res.on("finish", () => {
      res.detachSocket(socket as never);
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      else resolve();
    });
    listener(req, res);
  });
}

interface Variant {
  label: string;
  listener: Listener;
  token: string;
  cpuUs: number[];
  bytesPerTurn: number;
}

async function ours(shape: OursShape, label: string): Promise<Variant> {
  const { fetch, token } = await oursApp("memory", shape);
  return {
    label,
    listener: getRequestListener(fetch) as unknown as Listener,
    token,
    cpuUs: [],
    bytesPerTurn: 0,
  };
}

async function measure(v: Variant): Promise<void> {
  const counter = { bytes: 0 };
  const c0 = process.cpuUsage();
  for (let i = 0; i < TURNS; i++) await turn(v.listener, v.token, counter);
  const c = process.cpuUsage(c0);
  v.cpuUs.push((c.user + c.system) / TURNS);
  v.bytesPerTurn = counter.bytes / TURNS;
}

async function main() {
  const loadBefore = loadLine();
  const variants: Variant[] = [
    { label: "raw node:http", listener: rawHandler, token: "raw", cpuUs: [], bytesPerTurn: 0 },
    await ours("full", "ours, query answered in memory"),
    await ours("transport", "ours, transport only (no request features)"),
  ];
  // Warm-up: the JIT has settled before any figure is taken.
  for (const v of variants) for (let i = 0; i < 3000; i++) await turn(v.listener, v.token, { bytes: 0 });
  for (let r = 0; r < ROUNDS; r++) for (const v of variants) await measure(v);
  // The lower quartile of the rounds: other work on a shared machine only ever adds time.
  const cpu = (v: Variant) => quantile(v.cpuUs, 0.25);
  const raw = cpu(variants[0]!);
  const rows = variants.map((v) => [
    v.label,
    cpu(v).toFixed(1),
    `${(raw / cpu(v)).toFixed(2)}x`,
    `${quantile(v.cpuUs, 0.5).toFixed(1)} / ${Math.min(...v.cpuUs).toFixed(1)}`,
    v.bytesPerTurn.toFixed(0),
  ]);
  const [, full, transport] = variants;
  const md = `## Chat transport in one process: CPU per turn without the network

\`npm run bench:transport-cpu\`: the servers of the transport bench above, ${RUNNING_COMPILED ? "compiled as production runs them" : "from source under tsx"} (the same \`createApp\` with the
same scripted ${EVENTS_PER_TURN}-event turn, the same raw handler), their Node request listeners driven in this
process over in-memory sockets, one turn at a time: ${ROUNDS} rounds of ${TURNS} turns per server, in turn.
No kernel, no client: each figure is that server's own code. Over loopback the server's CPU per turn also
holds the kernel's cost of each send, which includes waking a client that sleeps waiting for it; a
client waits more on a slower server, so that cost is not the same for every server.

${markdownTable(["server", "CPU µs/turn (lower quartile)", "raw / this", "median / min µs", "bytes/turn"], rows)}

The request features (request id, request span, histogram and log line, security headers, body limit,
token check, rate limit, and their middleware layers) cost ${(cpu(full!) - cpu(transport!)).toFixed(1)} µs per turn here.

${machineLine()}; ${loadBefore} at the start, ${loadLine()} at the end.`;
  console.log(md);
  if (WRITE) writeBenchmarkSection("transport-cpu", md);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
