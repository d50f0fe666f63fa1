// A real FHIR client (fhir-kit-client) against the gateway over TLS with a SMART Backend Services
// token: create, read, update with If-Match (and a stale one → 412), search with paging,
// _include, a transaction, $everything; and the refusals a client meets without a token.
// Usage: node fhir_kit_client_test.mjs DEV_JSON NODE_MODULES   (NODE_EXTRA_CA_CERTS = the dev CA)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientAssertion, readDev } from './dev_client.mjs';

const [devJsonFile, modules] = process.argv.slice(2);
const dev = readDev(devJsonFile);
const { Client } = await import(
  pathToFileURL(path.resolve(modules, 'fhir-kit-client/dist/client.js')).href);

let failures = 0;
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`FAIL: ${what}`);
  }
}

async function token(scope) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion(dev),
    scope,
  });
  const r = await fetch(dev.token_url, { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const json = await r.json();
  check(r.status === 200 && json.token_type.toLowerCase() === 'bearer' && json.expires_in <= 300,
        `token endpoint answers a bearer token (${r.status})`);
  return json.access_token;
}

async function status(promise) {
  try {
    await promise;
    return 200;
  } catch (e) {
    return e.response?.status ?? -1;
  }
}

const smart = await (await fetch(`${dev.fhir_base_url}/.well-known/smart-configuration`)).json();
check(smart.token_endpoint === dev.token_url, 'smart-configuration names the token endpoint');

const anonymous = new Client({ baseUrl: dev.fhir_base_url });
check(await status(anonymous.read({ resourceType: 'Patient', id: 'x' })) === 401,
      'no token → 401');
const capability = await anonymous.capabilityStatement();
check(capability.resourceType === 'CapabilityStatement', '/metadata without a token');

const access = await token('system/*.cruds');
const client = new Client({ baseUrl: dev.fhir_base_url,
                            customHeaders: { Authorization: `Bearer ${access}` } });
const readOnly = new Client({ baseUrl: dev.fhir_base_url, customHeaders: {
  Authorization: `Bearer ${await token('system/Patient.rs')}` } });

const created = await client.create({ resourceType: 'Patient', body: {
  resourceType: 'Patient', identifier: [{ system: 'urn:test:fkc', value: 'FKC-1' }],
  name: [{ family: 'Santiago', given: ['Ana'] }], gender: 'female', birthDate: '1961-04-02' } });
check(created.id && created.meta.versionId === '1', 'create');
const read = await client.read({ resourceType: 'Patient', id: created.id });
check(read.name[0].family === 'Santiago', 'read');

const v2 = await client.update({ resourceType: 'Patient', id: created.id,
  body: { ...read, telecom: [{ system: 'phone', value: '787-555-0100' }] },
  options: { headers: { 'If-Match': 'W/"1"' } } });
check(v2.meta.versionId === '2', 'update with If-Match');
check(await status(client.update({ resourceType: 'Patient', id: created.id, body: read,
  options: { headers: { 'If-Match': 'W/"1"' } } })) === 412, 'stale If-Match → 412');
check(await status(readOnly.create({ resourceType: 'Patient', body: { resourceType: 'Patient' } }))
      === 403, 'read-only scopes cannot create');
check(await status(readOnly.read({ resourceType: 'Patient', id: created.id })) === 200,
      'read-only scopes can read');

for (let i = 0; i < 5; i++) {
  await client.create({ resourceType: 'Observation', body: {
    resourceType: 'Observation', status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }], text: 'Glucose' },
    subject: { reference: `Patient/${created.id}` }, effectiveDateTime: `2026-11-0${i + 1}`,
    valueQuantity: { value: 90 + i, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } } });
}
let page = await client.search({ resourceType: 'Observation',
  searchParams: { subject: `Patient/${created.id}`, _count: 2, _total: 'accurate' } });
check(page.total === 5, `search total (${page.total})`);
const seen = new Set();
let pages = 0;
while (page) {
  pages++;
  for (const e of page.entry ?? []) seen.add(e.resource.id);
  page = await client.nextPage({ bundle: page });
}
check(pages === 3 && seen.size === 5, `paging (${pages} pages, ${seen.size} resources)`);

const included = await client.search({ resourceType: 'Observation', searchParams: {
  subject: `Patient/${created.id}`, _include: 'Observation:subject' } });
check(included.entry.filter((e) => e.search.mode === 'include').length === 1, '_include');

const tx = await client.transaction({ body: { resourceType: 'Bundle', type: 'transaction', entry: [
  { fullUrl: 'urn:uuid:7b0c0a43-3a0e-4f53-9b67-1c2f1f6b3c01',
    resource: { resourceType: 'Patient', name: [{ family: 'Transaccion' }] },
    request: { method: 'POST', url: 'Patient' } },
  { resource: { resourceType: 'Condition', subject: { reference: 'urn:uuid:7b0c0a43-3a0e-4f53-9b67-1c2f1f6b3c01' },
                code: { text: 'Diabetes' } },
    request: { method: 'POST', url: 'Condition' } }] } });
check(tx.type === 'transaction-response' && tx.entry.every((e) => e.response.status.startsWith('201')),
      'transaction');
const txPatient = tx.entry[0].response.location.split('/')[1];

const everything = await client.operation({ name: 'everything', resourceType: 'Patient', id: txPatient,
                                            method: 'GET' });
check(everything.entry.length === 2, `$everything (${everything.entry?.length})`);
const mine = await client.operation({ name: 'everything', resourceType: 'Patient', id: created.id,
                                      method: 'GET' });
check(mine.entry.length === 6, `$everything of the first patient (${mine.entry?.length})`);

const invalid = await status(client.create({ resourceType: 'Patient', body: {
  resourceType: 'Patient', gender: 'unknown-value' } }));
check(invalid === 422, `invalid resource → 422 (${invalid})`);

console.log(`${checks - failures}/${checks} checks passed`);
process.exit(failures === 0 ? 0 : 1);
