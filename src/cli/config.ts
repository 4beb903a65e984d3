import { readProcessEnv } from '../config/env.ts';
import { ConfigError, loadConfig, resolveConfigPath } from '../config/load.ts';

/** Small operator commands: `npm run config:check`. */
function main(argv: string[]): number {
  const [command] = argv;
  if (command === 'config:check') {
    const env = readProcessEnv();
    const path = resolveConfigPath(env.configFile);
    try {
      const config = loadConfig(path);
      const approvers = Object.entries(config.approval.approvers).map(([p, ids]) => `${p}: ${ids.length}`).join(', ');
      process.stdout.write(`La configuración ${path} es válida.\nAprobadores por plataforma: ${approvers}\nDestinos por defecto: ${config.destinations.default.join(', ')}\n`);
      return 0;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }
  process.stderr.write('Uso: npm run config:check\n');
  return 1;
}

process.exitCode = main(process.argv.slice(2));
