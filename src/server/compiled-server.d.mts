/** Types of compiled-server.mjs, a plain JavaScript module (the entries load it before any TypeScript loader). */
export function compiledServerFile(root: string, name: string, folder?: string): URL | null;
