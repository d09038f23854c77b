// A tiny static file server for dist/ on 127.0.0.1 (no dependencies), used by
// the end-to-end tests and the screenshot script. Unknown paths are 404s.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".fa": "text/plain; charset=utf-8",
};

/** Serve `root` on 127.0.0.1; resolves to { server, url }. */
export async function serve(root, port = 0, fixtures = null) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      // Test pages (an embedding blog post) live beside the tests, not in dist/.
      const base = path.startsWith("/__fixtures__/") && fixtures ? fixtures : root;
      const rel = base === root ? path : path.slice("/__fixtures__".length);
      let file = normalize(join(base, rel));
      if (!file.startsWith(normalize(base))) throw new Error("outside root");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || "dist";
  const port = Number(process.argv[3] || 8080);
  const { url } = await serve(root, port);
  console.log(`Symmetry Lab is served at ${url}  (Ctrl-C to stop)`);
}
