import { runMigrations } from './data-source';
import { openStandalone } from './standalone';

/** `npm run migration:run`: applies pending migrations (the app also does this at start-up). */
async function main(): Promise<void> {
  const { dataSource, close } = await openStandalone();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
