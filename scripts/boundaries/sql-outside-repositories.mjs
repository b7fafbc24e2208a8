// SQL lives in repositories (part of `npm run lint`): a file under src/ that runs SQL, builds a
// query or reads and writes entities through TypeORM must be a `*.repository.ts`, a migration or
// the data-source set-up, or be listed in sql-debt.json (files not moved yet). A new file with SQL
// fails, and so does a listed file that has none left (so the list only shrinks).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SQL =
  /\.query\s*[<(]|createQueryBuilder|getRepository\(|[mM]anager\.(find|findOne|findOneBy|findOneByOrFail|findBy|count|countBy|insert|save|update|delete|increment|decrement|create|upsert|exists|existsBy|remove|query|sum)\b|QueryRunner/;
const allowed = (path) =>
  path.endsWith('.repository.ts') || path.endsWith('.spec.ts') || path.startsWith('src/database/migrations/') || path === 'src/database/data-source.ts';

const debt = JSON.parse(readFileSync(new URL('./sql-debt.json', import.meta.url), 'utf8')).files;
const files = readdirSync('src', { recursive: true })
  .map((p) => join('src', p).split('\\').join('/'))
  .filter((p) => p.endsWith('.ts') && !allowed(p));
const withSql = new Set(files.filter((p) => SQL.test(readFileSync(p, 'utf8'))));

const problems = [
  ...[...withSql].filter((p) => !debt.includes(p)).map((p) => `${p} has SQL or TypeORM data access: move it into a *.repository.ts`),
  ...debt.filter((p) => !withSql.has(p)).map((p) => `${p} has no SQL left: remove it from scripts/boundaries/sql-debt.json`),
];
if (problems.length > 0) {
  console.error(`SQL outside repositories:\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`SQL outside repositories: only the ${debt.length} files of scripts/boundaries/sql-debt.json.`);
