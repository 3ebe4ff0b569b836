import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// The page is plain files (no build step): index.html, *.js modules and one stylesheet.
const DIR = fileURLToPath(new URL('./public/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function staticRoutes(scope: FastifyInstance): void {
  // Only the files that exist at start are served; names never reach the file system.
  const files = new Set(readdirSync(DIR).filter((f) => TYPES[extname(f)]));
  const serve = async (file: string) => ({ body: await readFile(join(DIR, file)), type: TYPES[extname(file)]! });

  scope.get('/', async (_req, reply) => {
    const f = await serve('index.html');
    return reply.type(f.type).header('cache-control', 'no-store').send(f.body);
  });
  scope.get<{ Params: { file: string } }>('/:file', async (req, reply) => {
    if (!files.has(req.params.file)) return reply.code(404).send({ error: 'not found' });
    const f = await serve(req.params.file);
    return reply.type(f.type).header('cache-control', 'no-store').send(f.body);
  });
}
