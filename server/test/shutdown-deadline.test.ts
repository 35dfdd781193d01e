import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@pathfinder/core/testing';
import { buildApp } from '../src/app.js';
import { closeWithDeadline } from '../src/runtime/close-with-deadline.js';
import { testConfig } from './helpers.js';

const db = useTestDatabase();

describe('shutdown with a stalled client', () => {
  it('a client that sent half a body does not hold the server open past the deadline', async () => {
    const app = await buildApp({ config: testConfig(), orm: db.orm, logger: false });
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    app.addHook('onRequest', async () => arrived());
    const address = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const socket = net.connect(Number(address.port), '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    // Headers promise 100 bytes; 5 arrive, then nothing.
    socket.write('POST /api/v1/jobs/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q":');
    await requestArrived;
    const lines: string[] = [];
    await closeWithDeadline(app, 300, (line) => lines.push(line));
    await closed;
    expect(lines).toEqual(['shutdown: requests still open after 0.3 s; closing their connections']);
    expect(app.server.listening).toBe(false);
  });

  it('an idle server closes without waiting for the deadline to log anything', async () => {
    const app = await buildApp({ config: testConfig(), orm: db.orm, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const lines: string[] = [];
    await closeWithDeadline(app, 60_000, (line) => lines.push(line));
    expect(lines).toEqual([]);
  });
});
