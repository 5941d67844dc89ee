// Bundles the viewer (Viewer/src) into Gateway/wwwroot/viewer with the esbuild pinned by package-lock.json.
// The output is generated: git ignores it, the AppHost and .ci/run rebuild it when it is missing or older than
// the sources or the lock file. Nothing in it is fetched from the internet at run time.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'Gateway', 'wwwroot', 'viewer');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, 'src', 'viewer.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115'],
  minify: true,
  sourcemap: true,
  outdir: out,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'linked',
  // vtk.js pulls in an XML builder written for Node; the viewer never reaches it, so two small shims let it load.
  alias: { events: join(here, 'shims', 'events.js'), url: join(here, 'shims', 'url.js') },
});
// The stamp the AppHost compares with the sources' times: written last, so a failed build leaves none.
await writeFile(join(out, 'build-stamp.json'), JSON.stringify({ outputs: Object.keys(result.metafile.outputs).length, builtAt: new Date().toISOString() }));
