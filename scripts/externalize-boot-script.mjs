// Trunk post-build hook: move the inline module script that boots the wasm
// into boot.js and drop Trunk's build-time nonces, so index.html works under
// a Content-Security-Policy with `script-src 'self'` (no inline scripts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("TRUNK_STAGING_DIR is not set: run this from Trunk's post_build hook");
  process.exit(1);
}
const htmlPath = join(dir, "index.html");
let html = readFileSync(htmlPath, "utf8");
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) {
  console.error("externalize-boot-script: no inline module script found in index.html");
  process.exit(1);
}
writeFileSync(join(dir, "boot.js"), m[1].trim() + "\n");
html = html.replace(inline, '<script type="module" src="./boot.js"></script>');
html = html.replace(/ nonce="[^"]*"/g, "");
writeFileSync(htmlPath, html);
