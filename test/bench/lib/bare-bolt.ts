/**
 * The baseline of bench a: a bare Bolt app whose only listener acknowledges every slash
 * command, on Bolt's HTTPReceiver, with the same signing secret and Web API base as the
 * bot. Run as its own process: `tsx test/bench/lib/bare-bolt.ts --port=N --api=URL`.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { argValue } from './child.ts';

const port = Number(argValue('port'));
const signingSecret = argValue('secret')!;
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: false });
const app = new App({
  token: argValue('token')!,
  receiver,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: argValue('api')! },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
// Loopback only, like every server of the benchmarks.
await app.start({ port, host: '127.0.0.1' });
process.once('SIGTERM', () => void app.stop().finally(() => process.exit(0)));
