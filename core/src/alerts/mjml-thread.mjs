// Compiles one MJML document in a worker thread and posts back the HTML (or the error).
// Why a thread: MJML and its dependencies hold ~40 MB once imported, and a process compiles its
// alert template once. Imported here, they go away with the thread instead of staying for the
// process's lifetime. Plain JavaScript so the thread needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import mjml2html from 'mjml';

try {
  const result = await mjml2html(workerData.source, workerData.options);
  parentPort.postMessage({ html: result.html });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
