import { Agent, request } from 'node:http';

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as
 * soon as the previous one answered, until `total` were sent. Latency is measured from
 * the request being handed to the socket pool to the last byte of the answer; bodies are
 * built (and signed) before the clock starts. Keep-alive, one pool per run.
 */
export interface LoadResult {
  latencies: number[];
  statuses: Record<number, number>;
  wallMs: number;
}

export async function runLoad(o: { url: string; total: number; concurrency: number; build(i: number): { body: string; headers: Record<string, string> } }): Promise<LoadResult> {
  const target = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const { body, headers } = o.build(i);
      const t0 = performance.now();
      const req = request(
        { agent, hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.total) await one(next++);
    }),
  );
  const wallMs = performance.now() - start;
  agent.destroy();
  return { latencies, statuses, wallMs };
}
