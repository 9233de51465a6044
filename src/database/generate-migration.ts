import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from './data-source';
import { openStandalone } from './standalone';

const quote = (sql: string) => `\`${sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/**
 * `npm run migration:generate -- AddThing`: applies the existing migrations, compares the
 * schema with the entities and writes the difference as migrations/<time>-<name>.ts. Review
 * it, add row-level security for new tenant tables (migrations/support/rls.ts), and list it
 * in migrations/index.ts.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('Usage: npm run migration:generate -- PascalCaseName');
  const { dataSource, close } = await openStandalone();
  try {
    await runMigrations(dataSource);
    const diff = await dataSource.driver.createSchemaBuilder().log();
    // Checks, foreign keys and functional indexes are written in SQL, not on the entities;
    // the diff would drop them. Leave those drops out (and say so) rather than hide them.
    const handWritten = /^(ALTER TABLE "[^"]+" DROP CONSTRAINT|DROP INDEX)/;
    const leftOut = diff.upQueries.filter((q) => handWritten.test(q.query));
    diff.upQueries = diff.upQueries.filter((q) => !handWritten.test(q.query));
    diff.downQueries = diff.downQueries.filter(
      (q) => !/^(ALTER TABLE "[^"]+" ADD CONSTRAINT "[^"]+" (CHECK|FOREIGN KEY)|CREATE (UNIQUE )?INDEX)/.test(q.query),
    );
    if (leftOut.length > 0) {
      console.log(`Left out ${leftOut.length} drops of constraints/indexes the migrations define in SQL:`);
      for (const q of leftOut) console.log(`  ${q.query}`);
    }
    if (diff.upQueries.length === 0) {
      console.log('The schema matches the entities; nothing to generate.');
      return;
    }
    const time = Date.now();
    const up = diff.upQueries.map((q) => `    await db.query(${quote(q.query)});`).join('\n');
    const down = diff.downQueries
      .reverse()
      .map((q) => `    await db.query(${quote(q.query)});`)
      .join('\n');
    const file = join('migrations', `${time}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${time} implements MigrationInterface {\n  name = '${name}${time}';\n\n  async up(db: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(db: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}; add ${name}${time} to migrations/index.ts.`);
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
