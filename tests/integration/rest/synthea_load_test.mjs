// Loads the Synthea corpus (transaction Bundles with urn:uuid fullUrls) into a `serve --dev`
// gateway over HTTPS, one POST per Bundle, then checks what the server holds: every Bundle
// answers 200 with a 201 per entry; per resource type, `GET /[type]?_summary=count` equals what
// the Bundles held; and a sample of resources read back by their response locations equals what
// was sent (urn:uuid references rewritten to the new ids; id, meta left aside).
// Prints the load time and resources per second.
// Usage: node synthea_load_test.mjs DEV_JSON BUNDLE_DIR   (NODE_EXTRA_CA_CERTS = the dev CA)
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { Checks, accessToken, fhirClient, readDev } from './dev_client.mjs';

const [devJsonFile, bundleDir] = process.argv.slice(2);
const dev = readDev(devJsonFile);
const t = new Checks();
const kSampleEvery = 25;  // read back every 25th resource of the corpus

const files = readdirSync(bundleDir).filter((f) => f.endsWith('.json')).sort();
t.check(files.length === 100, `the corpus has 100 Bundles (${files.length})`);

let token = await accessToken(dev, 'system/*.cruds');
let tokenAt = Date.now();
const call = async (method, target, options) => {
  if (Date.now() - tokenAt > 200 * 1000) {  // tokens live five minutes
    token = await accessToken(dev, 'system/*.cruds');
    tokenAt = Date.now();
  }
  return fhirClient(dev, token)(method, target, options);
};

// Replaces every string that is a fullUrl of the Bundle by the location it was given.
function rewrite(value, ids) {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, ids)]));
  }
  return value;
}
const withoutIdMeta = ({ id, meta, ...rest }) => rest;

const expected = new Map();  // resource type → count
const samples = [];          // { location, resource (rewritten), file }
let resources = 0;
let bytes = 0;
let failedBundles = 0;
let loadMs = 0;
const slowest = { ms: 0, entries: 0 };
for (const file of files) {
  const text = readFileSync(path.join(bundleDir, file), 'utf8');
  const bundle = JSON.parse(text);
  bytes += text.length;
  const started = performance.now();
  const r = await call('POST', '/', { body: text });
  const ms = performance.now() - started;
  loadMs += ms;
  if (ms > slowest.ms) Object.assign(slowest, { ms, entries: bundle.entry?.length ?? 0 });
  const entries = bundle.entry ?? [];
  const answers = r.json?.entry ?? [];
  const ok = r.status === 200 && r.json?.type === 'transaction-response' &&
             answers.length === entries.length &&
             answers.every((a) => /^201\b/.test(a.response?.status ?? '') && a.response?.location);
  if (!ok) {
    failedBundles++;
    t.check(false, `${file}: transaction → 200 with a 201 per entry (${r.status}: ${
      r.text.slice(0, 300)})`);
    continue;
  }
  const ids = new Map();
  entries.forEach((e, i) => {
    const [type, id] = answers[i].response.location.split('/');
    ids.set(e.fullUrl, `${type}/${id}`);
  });
  entries.forEach((e, i) => {
    const type = e.resource.resourceType;
    expected.set(type, (expected.get(type) ?? 0) + 1);
    if ((resources + i) % kSampleEvery === 0) {
      samples.push({ location: ids.get(e.fullUrl), resource: rewrite(e.resource, ids), file });
    }
  });
  resources += entries.length;
}
t.check(failedBundles === 0,
        `${files.length - failedBundles}/${files.length} transactions answered 200`);
const seconds = loadMs / 1000;
console.log(`loaded ${resources} resources (${(bytes / 1048576).toFixed(1)} MiB) in ${
  seconds.toFixed(1)} s: ${(resources / seconds).toFixed(0)} resources/s, ${
  (files.length / seconds).toFixed(2)} Bundles/s; slowest Bundle ${slowest.ms.toFixed(0)} ms (${
  slowest.entries} entries)`);

// Per type: what the Bundles held = what a count search finds.
let countMismatches = 0;
for (const [type, want] of [...expected].sort()) {
  const r = await call('GET', `/${type}?_summary=count`);
  const total = r.json?.total;
  if (total !== want) countMismatches++;
  t.check(r.status === 200 && total === want,
          `${type}: ${want} sent, ${total} counted (${r.status})`);
}
t.check(countMismatches === 0, `counts equal for all ${expected.size} resource types`);

// Read back a sample by location; the content must be what was sent.
let same = 0;
const readStarted = performance.now();
for (const s of samples) {
  const r = await call('GET', `/${s.location}`);
  const got = r.json;
  const ok = r.status === 200 && `${got?.resourceType}/${got?.id}` === s.location &&
             got?.meta?.versionId === '1' &&
             isDeepStrictEqual(withoutIdMeta(got), withoutIdMeta(s.resource));
  if (ok) {
    same++;
  } else {
    t.check(false, `read back ${s.location.split('/')[0]} of ${s.file}: ${r.status}, ${
      r.status === 200 ? 'content differs from what was sent' : r.text.slice(0, 200)}`);
  }
}
const readMs = performance.now() - readStarted;
t.check(samples.length > 0 && same === samples.length,
        `${same}/${samples.length} sampled resources read back as sent (${
          (readMs / Math.max(samples.length, 1)).toFixed(1)} ms per read)`);

process.exit(t.summary() ? 0 : 1);
