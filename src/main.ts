import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createHttpApp, createWorkerContext } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.appRole === 'worker') {
    await createWorkerContext(config);
    process.stdout.write(`Wennuan worker started (APP_ROLE=worker)\n`);
    return;
  }
  const app = await createHttpApp(config);
  await app.listen({ port: config.port, host: config.host });
  const base = config.publicBaseUrl;
  process.stdout.write(
    `Wennuan is running (APP_ROLE=${config.appRole}) on port ${config.port}\n` +
      (config.seedDemo ? `  Donate page:   ${base}/donate/warm-wuhan\n  Totals (JSON): ${base}/api/campaigns/warm-wuhan/totals\n` : '') +
      `  API docs:      ${base}/docs\n  Health:        ${base}/health\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
