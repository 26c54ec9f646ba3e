import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile, realpath } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { type Context, Hono } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const typeOf = (file: string) => TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";

export interface UiRouteOptions {
  /** Tells the web app which sign-in to show. */
  authMode: "dev" | "clerk";
  /** Clerk's publishable key for the browser, when the server knows it (else the UI's build-time one). */
  clerkPublishableKey?: string | undefined;
  /** The built web app (`npm run build:ui`); default `ui/dist` under the working directory. */
  distDir?: string;
  /** Where eval runs write `<run>/report.html`; default `evals/out` under the working directory. */
  evalsDir?: string;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#14201d}
code{background:#eef2f1;padding:0 .3rem;border-radius:4px}a{color:#0f5c4d}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const NOT_BUILT = page(
  "The web app is not built",
  `<p>Build it with <code>npm run build:ui</code> (<code>npm start</code> builds it when it is missing or stale),
then reload this page.</p><p>The API works without it: see <a href="/docs">/docs</a>.</p>`,
);

const NO_EVALS = page(
  "No eval report yet",
  `<p>No eval run has written a report: the newest <code>evals/out/&lt;run&gt;/report.html</code>
(or <code>evals/out/latest/report.html</code>) is shown here once one exists.</p>
<p><a href="/">Back to Proxie</a></p>`,
);

export interface EvalRun {
  name: string;
  dir: string;
  modifiedAt: Date;
}

/**
 * The eval run to show: `latest` (a folder or a link to one) when it holds a report, else the
 * run folder whose report.html was written last.
 */
export function latestEvalRun(evalsDir: string): EvalRun | undefined {
  const reportOf = (dir: string) => {
    try {
      const s = statSync(join(dir, "report.html"));
      return s.isFile() ? s.mtime : undefined;
    } catch {
      return undefined;
    }
  };
  const latest = join(evalsDir, "latest");
  const latestAt = reportOf(latest);
  if (latestAt) return { name: "latest", dir: latest, modifiedAt: latestAt };
  if (!existsSync(evalsDir)) return undefined;
  let best: EvalRun | undefined;
  for (const entry of readdirSync(evalsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dir = join(evalsDir, entry.name);
    const at = reportOf(dir);
    if (at && (!best || at > best.modifiedAt || (+at === +best.modifiedAt && entry.name > best.name)))
      best = { name: entry.name, dir, modifiedAt: at };
  }
  return best;
}

/** Reads `rel` under `root`, refusing anything that resolves (through `..` or links) outside it. */
async function readInside(root: string, rel: string): Promise<Buffer | undefined> {
  if (rel.includes("\0")) return undefined;
  try {
    const base = await realpath(root);
    const file = await realpath(resolve(base, rel));
    if (!file.startsWith(base + sep)) return undefined;
    if (!statSync(file).isFile()) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/**
 * The web app at `/` (the built `ui/dist`: index.html and hashed assets), its configuration at
 * `/ui/config.json`, and the latest eval report, read-only, under `/evals/latest/`. Mounted after
 * the API routes; it only answers its own paths, so unknown paths still get the API's 404.
 */
export function uiRoutes(opts: UiRouteOptions) {
  const distDir = resolve(opts.distDir ?? "ui/dist");
  const evalsDir = resolve(opts.evalsDir ?? "evals/out");
  const r = new Hono();

  const index = async (c: Context) => {
    const html = await readInside(distDir, "index.html");
    if (!html) return c.html(NOT_BUILT, 503, { "cache-control": "no-store" });
    // Always revalidated, so that a new build is picked up; the assets it names are immutable.
    return c.body(new Uint8Array(html), 200, {
      "content-type": TYPES[".html"]!,
      "cache-control": "no-cache",
    });
  };
  r.get("/", index);
  r.get("/index.html", index);

  r.get("/ui/config.json", (c) =>
    c.json({ authMode: opts.authMode, clerkPublishableKey: opts.clerkPublishableKey ?? null }, 200, {
      "cache-control": "no-store",
    }),
  );

  r.get("/favicon.svg", async (c) => {
    const body = await readInside(distDir, "favicon.svg");
    if (!body) return c.notFound();
    return c.body(new Uint8Array(body), 200, {
      "content-type": TYPES[".svg"]!,
      "cache-control": "public, max-age=86400",
    });
  });

  r.get("/assets/:file{[A-Za-z0-9._-]+}", async (c) => {
    const file = c.req.param("file");
    const body = await readInside(join(distDir, "assets"), file);
    if (!body) return c.notFound();
    // Vite puts a content hash in every asset's name.
    return c.body(new Uint8Array(body), 200, {
      "content-type": typeOf(file),
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  r.get("/evals/latest.json", (c) => {
    const run = latestEvalRun(evalsDir);
    if (!run)
      return c.json({ error: { code: "not_found", message: "No eval run has written a report yet." } }, 404);
    return c.json(
      { run: run.name, reportUrl: "/evals/latest/report.html", modifiedAt: run.modifiedAt.toISOString() },
      200,
      { "cache-control": "no-store" },
    );
  });
  r.get("/evals/latest", (c) => c.redirect("/evals/latest/report.html"));
  r.get("/evals/latest/", (c) => c.redirect("/evals/latest/report.html"));
  r.get("/evals/latest/*", async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice("/evals/latest/".length));
    } catch {
      return c.notFound();
    }
    const run = latestEvalRun(evalsDir);
    const body = run ? await readInside(run.dir, rel) : undefined;
    if (!body) {
      if (!run) return c.html(NO_EVALS, 404, { "cache-control": "no-store" });
      return c.html(
        page("Not found", `<p>The latest eval run (${escapeHtml(run.name)}) has no ${escapeHtml(rel)}.</p>`),
        404,
      );
    }
    return c.body(new Uint8Array(body), 200, { "content-type": typeOf(rel), "cache-control": "no-cache" });
  });

  return r;
}
