import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip as gzipCallback } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import { rulebookFromJson } from "../src/core/index.ts";
import { DATA_URLS } from "./src/engine/load-engine.ts";
import { defaultSpecialty, firstParts } from "./src/engine/run-plan.ts";

/**
 * The web page: Vite + preact, built into web/dist (`npm run build:web`), served at `/` by the
 * server. JSX is compiled for preact by Vite's own transformer (oxc), so no framework plugin is
 * needed. The service worker (src/sw.ts) is a second entry written to /sw.js; the plugin below
 * fills in the list of files it precaches and a version that changes whenever any of them does.
 * A second plugin writes a Brotli and a gzip copy beside every compressible file once the build
 * is written; the server sends one of them to a browser that accepts it.
 */
const webDir = fileURLToPath(new URL(".", import.meta.url));
const repoDir = fileURLToPath(new URL("..", import.meta.url));
const publicDir = join(webDir, "public");

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

function precacheManifest(): Plugin {
  return {
    name: "matchplan-precache-manifest",
    apply: "build",
    generateBundle(_options, bundle) {
      const hash = createHash("sha256");
      const urls = ["./"];
      for (const [fileName, item] of Object.entries(bundle)) {
        if (fileName === "sw.js" || fileName.endsWith(".map")) continue;
        urls.push(`./${fileName}`);
        hash.update(fileName);
        hash.update(item.type === "chunk" ? item.code : item.source);
      }
      for (const file of listFiles(publicDir)) {
        const url = relative(publicDir, file).split(sep).join("/");
        urls.push(`./${url}`);
        hash.update(url);
        hash.update(readFileSync(file));
      }
      const sw = bundle["sw.js"];
      if (sw?.type !== "chunk") throw new Error("the service worker entry sw.js was not built");
      const version = hash.digest("hex").slice(0, 16);
      sw.code = sw.code
        .replace("__MATCHPLAN_PRECACHE__", JSON.stringify(urls.sort()))
        .replace("__MATCHPLAN_VERSION__", JSON.stringify(version));
    },
  };
}

/**
 * Preloads, from the page's head, the catalog's parts a plan of the specialty the form starts
 * with reads (`firstParts` of `defaultSpecialty`), so they arrive with the script instead of
 * after it has run. The rulebook is the one the page fetches (web/public/data, written first).
 */
function preloadFirstParts(): Plugin {
  return {
    name: "matchplan-preload-first-parts",
    transformIndexHtml() {
      const rb = rulebookFromJson(JSON.parse(readFileSync(join(publicDir, DATA_URLS.rulebook), "utf8")));
      if (!rb)
        throw new Error("web/public/data/rulebook.json is not a rulebook: run scripts/build-web-data.ts");
      return firstParts(rb, defaultSpecialty(rb)).map((id) => ({
        tag: "link",
        attrs: {
          rel: "preload",
          href: `/${DATA_URLS.catalogPart(id)}`,
          as: "fetch",
          crossorigin: "anonymous",
        },
        injectTo: "head" as const,
      }));
    },
  };
}

/**
 * Marks the entry chunk for eager compilation (V8's explicit compile hint, Chromium 136+): the
 * browser compiles every function while the file streams in, on a background thread, instead of
 * each one on the main thread the first time it runs (most of a first plan's time on a slow
 * phone). The comment must open the file, so it is added to the file as written.
 */
function compileEagerly(): Plugin {
  return {
    name: "matchplan-compile-eagerly",
    apply: "build",
    // On the written file: Vite's own last touches to the chunk's code come after generateBundle.
    writeBundle(options, bundle) {
      for (const item of Object.values(bundle))
        if (item.type === "chunk" && item.isEntry && item.name === "main") {
          const file = join(options.dir ?? outDir, item.fileName);
          writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, "utf8")}`);
        }
    },
  };
}

/** Text files worth compressing; smaller ones gain too little to be worth a second request path. */
const COMPRESSIBLE = /\.(?:js|css|html|json|svg|txt|webmanifest)$/;
const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

function precompress(outDir: string): Plugin {
  return {
    name: "matchplan-precompress",
    apply: "build",
    async closeBundle() {
      // Compressed on libuv's thread pool, so the files are done in parallel.
      await Promise.all(
        listFiles(outDir).map(async (file) => {
          if (!COMPRESSIBLE.test(file)) return;
          const bytes = readFileSync(file);
          if (bytes.length < MIN_COMPRESS_BYTES) return;
          // Brotli's highest quality: 6–12% smaller than quality 9 on the script and the data a
          // first visit loads (262 KB → 239 KB, a tenth of a second at 1.6 Mbps), for a few
          // seconds more of build.
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          };
          const [br, gz] = await Promise.all([brotli(bytes, { params }), gzip(bytes, { level: 9 })]);
          writeFileSync(`${file}.br`, br);
          writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

const outDir = join(webDir, "dist");

export default defineConfig({
  root: webDir,
  publicDir,
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [preloadFirstParts(), compileEagerly(), precacheManifest(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    rolldownOptions: {
      input: { main: join(webDir, "index.html"), sw: join(webDir, "src/sw.ts") },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js"),
      },
    },
  },
  server: {
    // The page imports the engine from ../src/core and the example profiles from ../examples.
    fs: { allow: [repoDir] },
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
