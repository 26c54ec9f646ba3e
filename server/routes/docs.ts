import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";

const ASSETS = new Set([
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "swagger-ui-standalone-preset.js",
  "favicon-32x32.png",
]);
const TYPES: Record<string, string> = { css: "text/css", js: "text/javascript", png: "image/png" };

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Proxie API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  <link rel="icon" href="/docs/assets/favicon-32x32.png" />
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// Separate file, not inline, so that the page works under the strict Content-Security-Policy.
const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "BaseLayout" });`;

/** The API reference at /docs: Swagger UI served from the installed package, no CDN. */
export function docsRoutes() {
  const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const r = new Hono();
  r.get("/docs", (c) => c.html(PAGE));
  r.get("/docs/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript" }));
  r.get("/docs/assets/:file", async (c) => {
    const file = c.req.param("file");
    if (!ASSETS.has(file)) return c.notFound();
    const body = await readFile(join(dir, file));
    return c.body(body, 200, {
      "content-type": TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream",
      "cache-control": "public, max-age=86400",
    });
  });
  return r;
}
