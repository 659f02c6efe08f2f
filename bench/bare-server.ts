/**
 * The raw baseline of bench:lookup, as its own process (so it does not share a core with the load tool): a bare
 * Fastify route answering each request with the next of the real answers captured from the API.
 *   node dist/bench/bare-server.js <port> <bodies.json>
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(file, 'utf8')) as string[];
let next = 0;
const app = Fastify();
app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/v1/lookup', async (_req, reply) => reply.type('application/json; charset=utf-8').send(bodies[next++ % bodies.length]));
app.listen({ port: Number(port), host: '127.0.0.1' }).catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
