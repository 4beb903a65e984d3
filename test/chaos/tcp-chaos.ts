import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of one platform fake, for the crash-point runner. It works
 * on bytes, so it sits in front of plain HTTP and TLS (the X fake) alike.
 *
 * - Latency: every chunk the platform sends back is held a random 50–400 ms (per chunk,
 *   order kept per connection), so the platform has acted well before the bot hears of it.
 * - One fault, counted in bytes of one direction over the whole proxy (all connections):
 *   - `reset`: at byte `offset` the connection is cut with a TCP RST (the bytes before it
 *     went through). On the request side the platform saw a truncated request; on the
 *     response side it acted and the bot gets ECONNRESET.
 *   - `blackhole` (response side): from byte `offset` on, that connection's answer is
 *     swallowed and the socket kept open: the platform acted, the bot's request times out.
 * `faults = false` turns injection off (the settling phase), latency stays.
 */
export type Direction = 'request' | 'response';

export interface TcpFault {
  kind: 'reset' | 'blackhole';
  direction: Direction;
  offset: number;
}

export interface ProxyOptions {
  latencyMs: [number, number];
  random: () => number;
  fault?: TcpFault;
}

export class ChaosProxy {
  url = '';
  port = 0;
  readonly bytes: Record<Direction, number> = { request: 0, response: 0 };
  faults = true;
  /** Milliseconds after `t0` (set by the runner) when the fault fired. */
  fired: number | undefined;
  t0 = Date.now();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: ProxyOptions,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => this.connect(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private delay(): number {
    const [a, b] = this.options.latencyMs;
    return a + this.options.random() * (b - a);
  }

  private connect(client: Socket): void {
    const upstream = createConnection({ host: this.target.host, port: this.target.port });
    this.sockets.add(client).add(upstream);
    let released = 0; // release time of the last response chunk of this connection
    let swallowing = false;
    let dead = false;
    const kill = () => {
      if (dead) return;
      dead = true;
      client.resetAndDestroy();
      upstream.destroy();
    };
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (swallowing) return; // the bot's request hangs until its own timeout
      // Let delayed chunks go out first.
      setTimeout(() => client.end(), Math.max(0, released - Date.now()));
    });

    client.on('data', (chunk: Buffer) => {
      if (dead) return;
      const cut = this.cutAt('request', chunk.length);
      if (cut === undefined) return void upstream.write(chunk);
      upstream.write(chunk.subarray(0, cut), () => kill());
    });

    upstream.on('data', (chunk: Buffer) => {
      if (dead || swallowing) return;
      const cut = this.cutAt('response', chunk.length);
      const part = cut === undefined ? chunk : chunk.subarray(0, cut);
      const fault = cut === undefined ? undefined : this.options.fault!.kind;
      if (fault === 'blackhole') swallowing = true;
      released = Math.max(released, Date.now() + this.delay());
      setTimeout(() => {
        if (dead) return;
        if (part.length) client.write(part);
        if (fault === 'reset') client.write(Buffer.alloc(0), () => kill());
      }, released - Date.now());
    });
  }

  /** Where in this chunk the fault fires (0..length), or undefined; counts the bytes. */
  private cutAt(direction: Direction, length: number): number | undefined {
    const before = this.bytes[direction];
    this.bytes[direction] += length;
    const f = this.options.fault;
    if (!f || !this.faults || this.fired !== undefined || f.direction !== direction) return undefined;
    if (f.offset < before || f.offset >= before + length) return undefined;
    this.fired = Date.now() - this.t0;
    return f.offset - before;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
