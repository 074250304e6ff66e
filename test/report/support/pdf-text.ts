import { inflateSync } from "node:zlib";

/**
 * A small PDF reader for tests: counts pages and extracts the text of a PDF that Chromium
 * printed. It handles what Chromium's (Skia's) PDFs use — Flate-compressed streams, Type0 fonts
 * with a ToUnicode CMap, hex strings shown with Tj/TJ, Form XObjects — and nothing else. Text
 * runs are joined with spaces, so a phrase split across runs may not match; tests look for
 * short phrases.
 */
interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfDocument {
  pages: number;
  text: string;
  /** Text per page, in page order. */
  pageTexts: string[];
}

export function readPdf(pdf: Buffer): PdfDocument {
  const objects = parseObjects(pdf);
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontRef: number): Map<number, string> => {
    const cached = cmaps.get(fontRef);
    if (cached) return cached;
    const font = objects.get(fontRef);
    const toUnicode = font ? refOf(font.dict, "ToUnicode") : null;
    const stream = toUnicode !== null ? objects.get(toUnicode)?.stream : null;
    const map = stream ? parseCmap(stream.toString("latin1")) : new Map<number, string>();
    cmaps.set(fontRef, map);
    return map;
  };
  const resourcesOf = (dict: string): string => {
    const ref = refOf(dict, "Resources");
    if (ref !== null) return objects.get(ref)?.dict ?? "";
    return inlineDict(dict, "Resources") ?? "";
  };
  const namedRefs = (resources: string, key: string): Map<string, number> => {
    const ref = refOf(resources, key);
    const body = ref !== null ? (objects.get(ref)?.dict ?? "") : (inlineDict(resources, key) ?? "");
    const out = new Map<string, number>();
    for (const m of body.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g))
      out.set(m[1] as string, Number(m[2]));
    return out;
  };
  const textOf = (content: string, resources: string, depth: number): string[] => {
    const fonts = namedRefs(resources, "Font");
    const xobjects = namedRefs(resources, "XObject");
    const runs: string[] = [];
    let cmap = new Map<number, string>();
    const tokens =
      content.match(/<[0-9A-Fa-f\s]*>|\/[^\s/<>[\]()]+|\[|\]|\((?:\\.|[^\\)])*\)|[^\s/<>[\]()]+/g) ?? [];
    let pending: string[] = [];
    let lastName = "";
    for (const t of tokens) {
      if (t.startsWith("/")) {
        lastName = t.slice(1);
        continue;
      }
      if (t === "Tf") {
        const ref = fonts.get(lastName);
        cmap = ref !== undefined ? cmapOf(ref) : new Map();
      } else if (t.startsWith("<")) pending.push(decodeHex(t, cmap));
      else if (t === "Tj" || t === "TJ" || t === "'" || t === '"') {
        runs.push(pending.join(""));
        pending = [];
      } else if (t === "Do" && depth < 4) {
        const ref = xobjects.get(lastName);
        const xo = ref !== undefined ? objects.get(ref) : undefined;
        if (xo?.stream && /\/Subtype\s*\/Form/.test(xo.dict)) {
          const own = resourcesOf(xo.dict);
          runs.push(...textOf(xo.stream.toString("latin1"), own || resources, depth + 1));
        }
      } else if (t === "ET") pending = [];
    }
    return runs;
  };
  const pageTexts = pages.map((page) => {
    const contents = refsOf(page.dict, "Contents").map(
      (n) => objects.get(n)?.stream?.toString("latin1") ?? "",
    );
    return textOf(contents.join("\n"), resourcesOf(page.dict), 0).join(" ").replace(/\s+/g, " ").trim();
  });
  return { pages: pages.length, text: pageTexts.join("\n"), pageTexts };
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  const re = /(\d+)\s+0\s+obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end === -1) break;
    const body = text.slice(start, end);
    const s = body.indexOf("stream");
    let stream: Buffer | null = null;
    let dict = body;
    if (s !== -1 && /^\s*<</.test(body)) {
      dict = body.slice(0, s);
      let dataStart = start + s + "stream".length;
      if (text[dataStart] === "\r") dataStart++;
      if (text[dataStart] === "\n") dataStart++;
      const length = Number(/\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)?.[1] ?? Number.NaN);
      const dataEnd = Number.isFinite(length) ? dataStart + length : text.indexOf("endstream", dataStart);
      const raw = pdf.subarray(dataStart, dataEnd);
      try {
        stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      } catch {
        stream = raw;
      }
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

function refOf(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
}

function refsOf(dict: string, key: string): number[] {
  const single = refOf(dict, key);
  if (single !== null) return [single];
  const arr = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dict);
  return arr ? [...(arr[1] as string).matchAll(/(\d+)\s+0\s+R/g)].map((x) => Number(x[1])) : [];
}

/** The `<< … >>` value of a key, balancing nested dictionaries. */
function inlineDict(dict: string, key: string): string | null {
  const at = dict.search(new RegExp(`/${key}\\s*<<`));
  if (at === -1) return null;
  let i = dict.indexOf("<<", at);
  const start = i;
  let depth = 0;
  for (; i < dict.length - 1; i++) {
    if (dict[i] === "<" && dict[i + 1] === "<") {
      depth++;
      i++;
    } else if (dict[i] === ">" && dict[i + 1] === ">") {
      depth--;
      i++;
      if (depth === 0) return dict.slice(start, i + 1);
    }
  }
  return null;
}

function utf16(hex: string): string {
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4)
    s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return s;
}

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(Number.parseInt(m[1] as string, 16), utf16(m[2] as string));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of (block[1] as string).matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const lo = Number.parseInt(m[1] as string, 16);
      const hi = Number.parseInt(m[2] as string, 16);
      const base = Number.parseInt(m[3] as string, 16);
      for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
    }
  return map;
}

function decodeHex(token: string, cmap: Map<number, string>): string {
  const hex = token.slice(1, -1).replace(/\s+/g, "");
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) s += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? "";
  return s;
}

/**
 * Whether the document shows a phrase. Chromium splits text into runs at kerning and justification
 * points and draws ligatures ("ﬂ") as one glyph, so whitespace is ignored and both sides are
 * compared in Unicode compatibility form (NFKC).
 */
export function pdfContains(doc: Pick<PdfDocument, "text">, phrase: string): boolean {
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
  return norm(doc.text).includes(norm(phrase));
}
