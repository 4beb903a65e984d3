import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local Socket Mode endpoint: the WebSocket URL apps.connections.open hands out. It does
 * the RFC 6455 handshake and framing itself (text, ping/pong, close; no extensions), greets
 * with Slack's `hello`, sends envelopes (`slash_commands`, `events_api`, `interactive`) and
 * collects the client's acknowledgements `{ envelope_id, payload }`.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode; // FIN + opcode; the server never masks
  if (len < 126) head[1] = len;
  else if (len < 65_536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

export class SocketModeFake {
  readonly acks: Ack[] = [];
  connections = 0;
  private server: Server | undefined;
  private socket: Socket | undefined;
  private readonly waiting = new Map<string, (ack: Ack) => void>();
  private connected: Promise<void>;
  private onConnected: () => void = () => {};
  url = '';

  constructor() {
    this.connected = new Promise((r) => (this.onConnected = r));
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(426).end());
    server.on('upgrade', (req, socket: Socket) => {
      const key = req.headers['sec-websocket-key'];
      if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      const accept = createHash('sha1').update(key + GUID).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.socket = socket;
      this.connections += 1;
      this.read(socket);
      this.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0COMUNICA' } });
      this.onConnected();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=${randomUUID()}&app_id=A0COMUNICA`;
  }

  /** Resolves once a client connected and was greeted. */
  whenConnected(): Promise<void> {
    return this.connected;
  }

  /** Resolves when the client has connected `n` times in all (after reconnecting). */
  async whenConnections(n: number, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.connections < n) {
      if (Date.now() > until) throw new Error(`only ${this.connections} connections`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Cuts the connection without a close frame, as a network failure would. */
  dropClient(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  /** Sends one envelope and resolves with the client's acknowledgement. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Ack> {
    const envelope_id = randomUUID();
    const ack = new Promise<Ack>((resolve) => this.waiting.set(envelope_id, resolve));
    this.sendJson({ envelope_id, payload, type, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}), ...extra });
    return ack;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private sendJson(value: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(value))));
  }

  /** Client frames are masked; this reads whole frames as they arrive. */
  private read(socket: Socket): void {
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        const masked = (buf[1]! & 0x80) !== 0;
        let len = buf[1]! & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          offset = 10;
        }
        const maskLen = masked ? 4 : 0;
        if (buf.length < offset + maskLen + len) return;
        const mask = buf.subarray(offset, offset + maskLen);
        const data = Buffer.from(buf.subarray(offset + maskLen, offset + maskLen + len));
        if (masked) for (let i = 0; i < data.length; i++) data[i]! ^= mask[i % 4]!;
        buf = buf.subarray(offset + maskLen + len);
        this.onFrame(socket, opcode, data);
      }
    });
    socket.on('error', () => {});
  }

  private onFrame(socket: Socket, opcode: number, data: Buffer): void {
    if (opcode === 0x9) socket.write(frame(0xa, data)); // ping -> pong
    else if (opcode === 0x8) socket.end(frame(0x8, data.subarray(0, 2)));
    else if (opcode === 0x1) {
      const ack = JSON.parse(data.toString('utf8')) as Ack;
      this.acks.push(ack);
      this.waiting.get(ack.envelope_id)?.(ack);
      this.waiting.delete(ack.envelope_id);
    }
  }
}
