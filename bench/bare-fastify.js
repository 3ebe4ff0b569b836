// Baseline of bench/footprint.ts: the least a fastify web process is — a toast route and /readyz,
// plain JavaScript run by node itself (no tsx, no build), listening on PORT.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/lark/events', async () => ({ toast: { type: 'success', content: '已提交' } }));
app.get('/readyz', async () => ({ ok: true }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
