// Runs bench/import-floor.sql the way psql would (its :variables, its \copy from a file), for
// machines without psql (the embedded PostgreSQL ships none). Returns the seconds it took.
const { readFileSync, createReadStream } = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

function substitute(sql, vars) {
  return sql
    .replace(/:'(\w+)'/g, (_, name) => `'${String(vars[name]).replace(/'/g, "''")}'`)
    .replace(/(?<![:\w]):(\w+)/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** The script's statements in order: SQL texts, and the one \copy as { copy, file }. */
function statements(vars) {
  const script = readFileSync(path.join(__dirname, 'import-floor.sql'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\set'));
  const out = [];
  let current = [];
  for (const line of script) {
    if (line.startsWith('\\copy ')) {
      const copy = `copy ${substitute(line.slice('\\copy '.length), vars)}`.replace(/ from '[^']*' /, ' from stdin ');
      out.push({ copy, file: vars.file });
      continue;
    }
    current.push(line);
    // A statement ends at a line ending in a semicolon outside a dollar-quoted body (a DO block's).
    const insideBody = (current.join('\n').match(/\$\$/g) ?? []).length % 2 === 1;
    if (line.trimEnd().endsWith(';') && !insideBody) {
      const text = current.join('\n').trim();
      if (text) out.push({ sql: substitute(text, vars) });
      current = [];
    }
  }
  return out;
}

async function importFloor(url, vars) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    for (const step of statements(vars)) {
      const at = process.hrtime.bigint();
      if (step.copy) await pipeline(createReadStream(step.file), client.query(copyFrom(step.copy)));
      else await client.query(step.sql);
      if (process.env.BENCH_TRACE)
        console.log(`${(Number(process.hrtime.bigint() - at) / 1e6).toFixed(1).padStart(9)} ms  ${(step.copy ?? step.sql).slice(0, 70).replace(/\s+/g, ' ')}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

module.exports = { importFloor };
