// `npm run relay`: the relay on this machine, configured from the environment.
import { describeRelay, readListenAddress, readRelayConfig } from './config';
import { createRelayApp } from './app';
import { startNodeRelayAsync } from './serve-node';

const config = readRelayConfig(process.env);
const address = readListenAddress(process.env);
const problems = [...(config.ok ? [] : config.problems), ...(address.ok ? [] : address.problems)];
if (!config.ok || !address.ok) {
  console.error(`The relay cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}

const server = await startNodeRelayAsync(createRelayApp(config.config).fetch, address.address);
console.log(`Relay listening on ${server.url}`);
for (const line of describeRelay(config.config)) console.log(line);
console.log('Paste this URL as the Relay URL in the plugin’s Settings. Ctrl+C stops it.');

const stop = (): void => {
  void server.closeAsync().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
