// Baseline (a) for the card-callback benchmark: a bare fastify route that answers every POST with a
// toast, no verification, no queue, no database. Run as a child process like `duban serve`;
// prints its URL on the first line.
import Fastify from 'fastify';
import { exposeLoopDelay } from './lib/loop-delay.ts';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
exposeLoopDelay(app);
app.post('/lark/events', async () => ({ toast: { type: 'success', content: '已提交' } }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
