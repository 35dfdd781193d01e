import path from 'node:path';
import { scaffoldPlugin, type ScaffoldOptions } from '../../scaffold/create-plugin.js';
import { ScaffoldError } from '../../scaffold/scaffold-error.js';

/** Scaffolds, then prints what was written and what to do next. Refusals exit 2 with the reason. */
export async function runCreatePlugin(options: ScaffoldOptions): Promise<number> {
  let result;
  try {
    result = await scaffoldPlugin(options);
  } catch (error) {
    if (error instanceof ScaffoldError) {
      process.stderr.write(`pathfinder create-plugin: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const shown = path.relative(process.cwd(), result.dir) || '.';
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`Created ${result.packageName} 0.1.0 (source "${result.id}", ${result.name}) in ${shown}:`);
  for (const file of result.files) out(`  ${file}`);
  out();
  out('Next:');
  if (result.layout === 'workspace') {
    out(`  npx vitest run ${shown}        # the sample test passes; its first run writes test/fixtures/golden.json`);
    out(`  npx pathfinder plugins list    # the engine finds "${result.id}"`);
    out('  npm install                    # once, so package-lock.json lists the new workspace');
  } else {
    out(`  cd ${shown} && npm install && npm test   # its first run writes test/fixtures/golden.json`);
    out(`  PATHFINDER_PLUGINS=${path.resolve(result.dir)} npx pathfinder plugins list   # from a Pathfinder install`);
  }
  out('  Then record the real site into test/fixtures/site, adapt src/parse-listing.ts and src/crawl.ts,');
  out('  and fill in README.md. The guide: docs/plugin-authoring.md');
  return 0;
}
