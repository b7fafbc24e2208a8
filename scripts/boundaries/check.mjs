// Folder cycles between the features under src/ (part of `npm run lint`). dependency-cruiser gives
// the module graph; each module belongs to its top-level folder. Without the known-debt edges
// (known-debt.json, each with its reason) the folder graph must be acyclic: a new import that
// closes a cycle fails, and so does a debt entry whose import is gone (so the list only shrinks).
import { readFileSync } from 'node:fs';
import { cruise } from 'dependency-cruiser';

const debt = JSON.parse(readFileSync(new URL('./known-debt.json', import.meta.url), 'utf8')).edges;
const folderOf = (path) => (path.startsWith('src/') && path.split('/').length > 2 ? path.split('/')[1] : null);

const result = await cruise(['src'], {
  doNotFollow: { path: 'node_modules' },
  exclude: { path: '\\.spec\\.ts$' },
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.json' },
});
/** folder -> folder -> one import that makes the edge, for the message */
const edges = new Map();
for (const module of result.output.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
  }
}

const problems = [];
const allowed = new Set(debt.map((e) => `${e.from}→${e.to}`));
for (const e of debt)
  if (!edges.get(e.from)?.has(e.to)) problems.push(`known debt ${e.from} → ${e.to} is gone: remove it from scripts/boundaries/known-debt.json`);

// Depth-first search for a cycle among the edges that are not known debt.
const state = new Map(); // folder -> 'open' | 'done'
const path = [];
function visit(folder) {
  state.set(folder, 'open');
  path.push(folder);
  for (const [to, example] of edges.get(folder) ?? []) {
    if (allowed.has(`${folder}→${to}`)) continue;
    if (state.get(to) === 'open') {
      const cycle = [...path.slice(path.indexOf(to)), to];
      const imports = cycle.slice(0, -1).map((f, i) => `    ${edges.get(f).get(cycle[i + 1])}`);
      problems.push(`folder cycle ${cycle.join(' → ')}:\n${imports.join('\n')}`);
    } else if (!state.has(to)) visit(to);
  }
  path.pop();
  state.set(folder, 'done');
}
for (const folder of edges.keys()) if (!state.has(folder)) visit(folder);

if (problems.length > 0) {
  console.error(`Module boundaries:\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Module boundaries: no folder cycles beyond the ${debt.length} known-debt imports (scripts/boundaries/known-debt.json).`);
