// The refusals a hostile or broken client meets at the gateway, against one `serve --dev` run:
// bad bearer tokens (401 + WWW-Authenticate), token-endpoint refusals (OAuth error JSON, never a
// token), scope enforcement, transport and API limits, concurrent conditional writes, the partner
// port's mutual TLS, and what error bodies may say (OperationOutcome, no paths, SQL or traces).
// Usage: node negative_test.mjs DEV_JSON   (NODE_EXTRA_CA_CERTS = the dev CA)
// Environment: GW_FAKETIME_FILE, when the server runs under libfaketime reading its offset from
// that file: the expired-token case moves the server's clock forward; without it, it is skipped.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Checks, accessToken, b64url, clientAssertion, fhirClient, rawHttps, readDev, requestToken,
} from './dev_client.mjs';

const dev = readDev(process.argv[2]);
const t = new Checks();
const host = new URL(dev.fhir_base_url).host;

// Every 4xx/5xx answer, checked at the end: { what, kind: 'fhir' | 'oauth', status, body }.
const errorBodies = [];
function keepError(what, kind, status, body) {
  if (status >= 400) errorBodies.push({ what, kind, status, body });
}

// A raw request on the public listener; `lines` are header lines after Host.
async function raw(method, target, lines = [], body = undefined, options = {}) {
  const head = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, ...lines, 'Connection: close'];
  return rawHttps({ url: dev.fhir_base_url, ca: dev.ca, head: head.join('\r\n'), body,
                    ...options });
}

async function alive(what) {
  const r = await fetch(`${dev.fhir_base_url}/metadata`)
    .then(async (x) => ({ status: x.status, body: await x.text() }))
    .catch((e) => ({ status: e.message }));
  t.check(r.status === 200, `${what}: the server still answers /metadata (${r.status})`);
}

const full = await accessToken(dev, 'system/*.cruds');
const api = fhirClient(dev, full);
const created = await api('POST', '/Patient', { body: {
  resourceType: 'Patient', identifier: [{ system: 'urn:test:negative', value: 'NEG-1' }],
  name: [{ family: 'Negativo', given: ['Prueba'] }], gender: 'female' } });
if (created.status !== 201) throw new Error(`cannot create the test Patient: ${created.status}`);
const patientPath = `/Patient/${created.json.id}`;

// ---------------------------------------------------------------------------------------------
console.log('== bearer tokens on a FHIR route');
const authHeader = (value) => (value === null ? [] : [`Authorization: ${value}`]);
async function withAuth(value, extraLines = [], target = patientPath) {
  return raw('GET', target, [...authHeader(value), ...extraLines]);
}

for (const [what, value] of [
  ['the real token', `Bearer ${full}`],
  ['lowercase scheme (schemes are case-insensitive)', `bearer ${full}`],
  ['uppercase scheme', `BEARER ${full}`],
  ['extra spaces around the token', `Bearer    ${full}   `],
]) {
  const r = await withAuth(value);
  t.check(r.status === 200, `control: ${what} → 200 (${r.status})`);
}

const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
const randomToken = () => b64url(randomBytes(32));
const noneJwt = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${
  b64url(JSON.stringify({ iss: dev.client_id, scope: 'system/*.cruds' }))}.`;
const badTokens = [
  // [what, Authorization value (null: no header), extra header lines, target]
  ['no Authorization header', null],
  ['empty Authorization header', ''],
  ['"Bearer" alone', 'Bearer'],
  ['"Bearer " with nothing after', 'Bearer '],
  ['"Bearer" and only spaces', 'Bearer        '],
  ['Basic credentials', `Basic ${Buffer.from(`${dev.client_id}:secret`).toString('base64')}`],
  ['Basic scheme with the real token', `Basic ${full}`],
  ['Digest scheme', 'Digest username="dev-client", realm="fhir", nonce="abc", response="def"'],
  ['"Token" scheme with the real token', `Token ${full}`],
  ['"Bearer:" (colon instead of space)', `Bearer:${full}`],
  ['"Bearer" + tab + the real token', `Bearer\t${full}`],
  ['"Bearer " + tab + the real token', `Bearer \t${full}`],
  ['the scheme only once, no space ("Bearer<token>")', `Bearer${full}`],
  ['the real token twice', `Bearer ${full} ${full}`],
  ['the real token extended by one char', `Bearer ${full}x`],
  ['the real token truncated by one char', `Bearer ${full.slice(0, -1)}`],
  ['the real token cut in half', `Bearer ${full.slice(0, full.length >> 1)}`],
  ['the real token with one char changed', `Bearer ${flip(full, 5)}`],
  ['the real token in other letter case', `Bearer ${full.toUpperCase() === full
    ? full.toLowerCase() : full.toUpperCase()}`],
  ['the real token in quotes', `Bearer "${full}"`],
  ['the real token with an inner space', `Bearer ${full.slice(0, 10)} ${full.slice(10)}`],
  ['the real token folded over two lines (obs-fold)',
   `Bearer ${full.slice(0, 10)}\r\n ${full.slice(10)}`],
  ['the real token followed by a non-ASCII char', `Bearer ${full}é`],
  ['a random 43-char token', `Bearer ${randomToken()}`],
  ['a random UUID', `Bearer ${randomUUID()}`],
  ['a 4,000-char token', `Bearer ${'A'.repeat(4000)}`],
  ['an 8 KiB token', `Bearer ${b64url(randomBytes(6144))}`],
  ['the client assertion (a signed JWT) as bearer token', `Bearer ${clientAssertion(dev)}`],
  ['an unsigned JWT (alg none)', `Bearer ${noneJwt}`],
  ['a garbage Authorization first, the real one second', 'Bearer garbage',
   [`Authorization: Bearer ${full}`]],
  ['the real token as ?access_token= (not accepted)', null, [],
   `${patientPath}?access_token=${full}`],
  ['the real token in another header', null, [`X-Access-Token: ${full}`]],
];
for (const [what, value, lines = [], target = patientPath] of badTokens) {
  const r = await withAuth(value, lines, target);
  const www = r.headers['www-authenticate'] ?? '';
  const wantError = value !== null && value !== '';
  keepError(`bearer: ${what}`, 'fhir', r.status, r.body);
  t.check(r.status === 401 && /^Bearer\b/.test(www) &&
          (!wantError || www.includes('error="invalid_token"')),
          `${what} → 401 + WWW-Authenticate (${r.status}, ${JSON.stringify(www)})`);
}

// Other FHIR routes refuse a bad token the same way.
for (const [method, target, body] of [
  ['GET', '/Patient?_count=1'], ['GET', '/Observation?subject=Patient/x'],
  ['POST', '/Patient', '{"resourceType":"Patient"}'],
  ['PUT', patientPath, '{"resourceType":"Patient"}'],
  ['DELETE', patientPath], ['GET', `${patientPath}/_history`], ['GET', '/_history'],
  ['GET', `${patientPath}/$everything`], ['POST', '/', '{"resourceType":"Bundle","type":"batch"}'],
  ['POST', '/Patient/$validate', '{"resourceType":"Patient"}'],
]) {
  const lines = [`Authorization: Bearer ${randomToken()}`];
  if (body) lines.push('Content-Type: application/fhir+json', `Content-Length: ${body.length}`);
  const r = await raw(method, target, lines, body);
  keepError(`bearer: ${method} ${target}`, 'fhir', r.status, r.body);
  t.check(r.status === 401 && /^Bearer/.test(r.headers['www-authenticate'] ?? ''),
          `random token on ${method} ${target} → 401 (${r.status})`);
}
const stillThere = await api('GET', patientPath);
t.check(stillThere.status === 200, 'the refused DELETE/PUT changed nothing');

// ---------------------------------------------------------------------------------------------
console.log('== token endpoint refusals');
const now = () => Math.floor(Date.now() / 1000);
const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey
  .export({ format: 'jwk' });
const publicJwk = { ...dev.jwk };
delete publicJwk.d;
const replayed = clientAssertion(dev);
const first = await requestToken(dev, { assertion: replayed });
t.check(first.status === 200, `replay: the first use of an assertion → 200 (${first.status})`);
const tampered = (() => {
  const [h, , s] = clientAssertion(dev).split('.');
  const c = { iss: dev.client_id, sub: dev.client_id, aud: dev.token_url, exp: now() + 200,
              jti: randomUUID() };
  return `${h}.${b64url(JSON.stringify(c))}.${s}`;
})();
const signed = (changes) => ({ assertion: clientAssertion(dev, changes) });
const tokenRefusals = [
  // [what, requestToken options]
  ['wrong aud (the FHIR base)', signed({ claims: { aud: dev.fhir_base_url } })],
  ['aud array without the token URL', signed({ claims: { aud: ['https://example.org/token'] } })],
  ['iss ≠ sub', signed({ claims: { sub: 'someone-else' } })],
  ['unknown client (iss = sub = another id)',
   signed({ claims: { iss: 'intruder', sub: 'intruder' } })],
  ['exp one hour ahead', signed({ claims: { exp: now() + 3600 } })],
  ['exp in the past', signed({ claims: { exp: now() - 10 } })],
  ['no exp', signed({ claims: { exp: undefined } })],
  ['exp as a string', signed({ claims: { exp: String(now() + 100) } })],
  ['nbf ten minutes ahead', signed({ claims: { nbf: now() + 600 } })],
  ['no jti', signed({ claims: { jti: undefined } })],
  ['replayed jti', { assertion: replayed }],
  ['alg none, no signature', signed({ header: { alg: 'none' } })],
  ['HS256 keyed with the public JWK',
   signed({ header: { alg: 'HS256' }, hmacSecret: JSON.stringify(publicJwk) })],
  ['RS256 header on an ES384 signature', signed({ header: { alg: 'RS256' } })],
  ['unknown kid', signed({ header: { kid: 'no-such-key' } })],
  ['no kid', signed({ header: { kid: undefined } })],
  ['typ other than JWT', signed({ header: { typ: 'JOSE+JSON' } })],
  ['crit header', signed({ header: { crit: ['exp'] } })],
  ['signed by another P-384 key under the registered kid', signed({ key: otherKey })],
  ['claims swapped under a valid signature', { assertion: tampered }],
  ['not a JWT', { assertion: 'abc.def' }],
  ['a 20 KiB assertion', { assertion: `${'A'.repeat(10240)}.${'B'.repeat(10240)}.C` }],
  ['client_id naming another client', { fields: { client_id: 'another-client' } }],
  ['missing grant_type', { fields: { grant_type: undefined } }],
  ['grant_type=password', { fields: { grant_type: 'password' } }],
  ['wrong client_assertion_type', { fields: { client_assertion_type: 'urn:example:other' } }],
  ['no client_assertion', { fields: { client_assertion: undefined } }],
  ['malformed system scope', { scope: 'system/Patient.xyz' }],
  ['only scopes that cannot be granted', { scope: 'patient/*.read launch' }],
  ['JSON body (application/json)', { contentType: 'application/json', body: JSON.stringify({
    grant_type: 'client_credentials', client_assertion: clientAssertion(dev) }) }],
  ['a form body sent as text/plain', { contentType: 'text/plain' }],
  ['an empty body', { body: '' }],
];
for (const [what, options] of tokenRefusals) {
  const r = await requestToken(dev, options);
  keepError(`token: ${what}`, 'oauth', r.status, r.text);
  t.check((r.status === 400 || r.status === 401) && typeof r.json?.error === 'string' &&
          !('access_token' in (r.json ?? {})) && !/access_token/.test(r.text) &&
          /no-store/.test(r.headers.get('cache-control') ?? ''),
          `token endpoint: ${what} → ${r.status} ${r.json?.error ?? r.text.slice(0, 80)}`);
}
{
  const r = await fetch(dev.token_url);
  const text = await r.text();
  keepError('token: GET', 'fhir', r.status, text);
  t.check(r.status === 405 && !/access_token/.test(text),
          `token endpoint: GET → 405 (${r.status})`);
}

// ---------------------------------------------------------------------------------------------
console.log('== scopes');
const patientRs = fhirClient(dev, await accessToken(dev, 'system/Patient.rs'));
const patientReadV1 = fhirClient(dev, await accessToken(dev, 'system/Patient.read'));
const observation = await api('POST', '/Observation', { body: {
  resourceType: 'Observation', status: 'final', code: { text: 'Glucose' },
  subject: { reference: patientPath.slice(1) } } });
const observationPath = `/Observation/${observation.json?.id}`;
const patientBody = { resourceType: 'Patient' };
for (const [what, call, method, target, body, want] of [
  ['system/Patient.rs cannot create a Patient', patientRs, 'POST', '/Patient', patientBody, 403],
  ['system/Patient.rs cannot update a Patient', patientRs, 'PUT', patientPath, created.json, 403],
  ['system/Patient.rs cannot delete a Patient', patientRs, 'DELETE', patientPath, undefined, 403],
  ['system/Patient.rs cannot read an Observation', patientRs, 'GET', observationPath, null, 403],
  ['system/Patient.rs cannot search Observations', patientRs, 'GET', '/Observation', null, 403],
  ['system/Patient.rs can read the Patient', patientRs, 'GET', patientPath, undefined, 200],
  ['system/Patient.rs can search Patients', patientRs, 'GET', '/Patient?_count=1', undefined, 200],
  ['v1 system/Patient.read can read the Patient', patientReadV1, 'GET', patientPath, null, 200],
  ['v1 system/Patient.read can search Patients', patientReadV1, 'GET', '/Patient', undefined, 200],
  ['v1 system/Patient.read cannot create', patientReadV1, 'POST', '/Patient', patientBody, 403],
  ['v1 system/Patient.read cannot read an Observation', patientReadV1, 'GET', observationPath,
   undefined, 403],
]) {
  const r = await call(method, target, { body: body ?? undefined });
  keepError(`scope: ${what}`, 'fhir', r.status, r.text);
  t.check(r.status === want, `${what} → ${want} (${r.status})`);
}

// ---------------------------------------------------------------------------------------------
console.log('== limits');
async function limit(what, want, run, { maxMs } = {}) {
  const started = performance.now();
  const r = await run();
  const ms = performance.now() - started;
  keepError(`limit: ${what}`, 'fhir', r.status, r.body ?? r.text);
  const fast = maxMs === undefined || ms <= maxMs;
  t.check(want.includes(r.status) && fast,
          `${what} → ${want.join('/')} (${r.status} in ${ms.toFixed(0)} ms${
            maxMs === undefined ? '' : `, limit ${maxMs} ms`})`);
  await alive(what);
  return r;
}
const bearer = `Authorization: Bearer ${full}`;
// A server that waited for the 1 GiB body (never sent) would answer only at its 30 s request
// timeout; typical answers take milliseconds, the margin is for a loaded machine.
const kQuickMs = 5000;
const json = 'Content-Type: application/fhir+json';
const deepArray = '['.repeat(1e6) + ']'.repeat(1e6);
const bundleOf = (type, n, entry) => ({ resourceType: 'Bundle', type,
                                        entry: Array.from({ length: n }, entry) });
await limit('declared Content-Length of 1 GiB', [413], () =>
  raw('POST', '/Patient', [bearer, json, 'Content-Length: 1073741824']), { maxMs: kQuickMs });
await limit('declared Content-Length of 1 GiB, no token', [413], () =>
  raw('POST', '/Patient', [json, 'Content-Length: 1073741824']), { maxMs: kQuickMs });
await limit('chunked body of 11 MiB', [413], () => {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const parts = [];
  for (let i = 0; i < 11; i++) {
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return raw('POST', '/Patient', [bearer, json, 'Transfer-Encoding: chunked'],
             Buffer.concat(parts));
}, { maxMs: kQuickMs });
await limit('a header of 17 KiB', [431], () =>
  raw('GET', '/metadata', [`X-Filler: ${'a'.repeat(17 * 1024)}`]));
await limit('a request target of 9 KiB', [413, 414], () =>
  raw('GET', `/Patient?name=${'a'.repeat(9 * 1024)}`, [bearer]));
await limit('a 1,000,000-deep JSON array', [400], () =>
  api('POST', '/Patient', { body: deepArray }));
await limit('a 1,000,000-deep JSON array inside a Patient', [400], () =>
  api('POST', '/Patient', { body: `{"resourceType":"Patient","extension":${deepArray}}` }));
await limit('a 1,000,000-deep object nesting', [400], () =>
  api('POST', '/Patient', { body: '{"a":'.repeat(1e6) + '1' + '}'.repeat(1e6) }));
await limit('a batch Bundle of 10,001 entries', [413], () => api('POST', '/', {
  body: bundleOf('batch', 10001, () => ({ request: { method: 'GET', url: 'Patient' } })) }));
await limit('a transaction Bundle of 10,001 entries', [413], () => api('POST', '/', {
  body: bundleOf('transaction', 10001, () => ({
    resource: { resourceType: 'Basic', code: { text: 'x' } },
    request: { method: 'POST', url: 'Basic' } })) }));
for (const q of ['name=%zz', 'name=%', 'name=%4', '%zz=1', 'name=%00', 'name=%g0']) {
  await limit(`malformed escape ?${q}`, [400], () => raw('GET', `/Patient?${q}`, [bearer]));
}
await limit('unknown resource type /Foo', [404], () => api('GET', '/Foo'));
await limit('unknown resource type /Foo/1', [404], () => api('GET', '/Foo/1'));
await limit('unknown resource type POST /Foo', [404], () =>
  api('POST', '/Foo', { body: { resourceType: 'Foo' } }));
await limit('XML body', [415], () => api('POST', '/Patient', {
  body: '<Patient xmlns="http://hl7.org/fhir"><gender value="female"/></Patient>',
  headers: { 'content-type': 'application/fhir+xml' } }));
await limit('a body that is not JSON', [400], () =>
  api('POST', '/Patient', { body: '{"resourceType":' }));

// _count=1000000: make more than 1000 matches first (one transaction), expect a page of 1000.
const family = `Conteo${randomBytes(4).toString('hex')}`;
const many = await api('POST', '/', { headers: { prefer: 'return=minimal' },
  body: bundleOf('transaction', 1005, () => ({
    resource: { resourceType: 'Patient', name: [{ family }] },
    request: { method: 'POST', url: 'Patient' } })) });
t.check(many.status === 200, `a transaction of 1005 Patients → 200 (${many.status})`);
{
  const started = performance.now();
  const r = await api('GET', `/Patient?family=${family}&_count=1000000`);
  const ms = performance.now() - started;
  const entries = r.json?.entry?.length ?? 0;
  const next = r.json?.link?.find((l) => l.relation === 'next');
  t.check(r.status === 200 && entries === 1000 && next !== undefined,
          `_count=1000000 → 200 with 1000 entries and a next link (${r.status}, ` +
          `${entries} entries, next ${next ? 'present' : 'absent'}, ${ms.toFixed(0)} ms)`);
  if (next) {
    const rest = await api('GET', new URL(next.url).pathname + new URL(next.url).search);
    t.check(rest.status === 200 && rest.json?.entry?.length === 5,
            `the next page holds the other 5 (${rest.status}, ${rest.json?.entry?.length})`);
  }
}

// ---------------------------------------------------------------------------------------------
console.log('== concurrency');
{
  const value = `COND-${randomUUID()}`;
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api('POST', '/Patient', {
    headers: { 'if-none-exist': `identifier=urn:test:negative|${value}` },
    body: { resourceType: 'Patient', identifier: [{ system: 'urn:test:negative', value }],
            name: [{ family: 'Concurrente', given: [`N${i}`] }] } })));
  const statuses = answers.map((a) => a.status);
  const tally = {};
  for (const st of statuses) tally[st] = (tally[st] ?? 0) + 1;
  const ids = new Set(answers.filter((a) => a.json?.id).map((a) => a.json.id));
  const count = await api('GET', `/Patient?identifier=urn:test:negative|${value}&_summary=count`);
  t.check(statuses.filter((s) => s === 201).length === 1 &&
          statuses.filter((s) => s === 200).length === 19,
          `20 concurrent conditional creates: one 201, nineteen 200 (${JSON.stringify(tally)})`);
  t.check(ids.size === 1, `... all answer the same id (${ids.size} distinct)`);
  t.check(count.json?.total === 1, `... a search finds exactly one (${count.json?.total})`);
}
for (let round = 1; round <= 5; round++) {
  const p = await api('POST', '/Patient', {
    body: { resourceType: 'Patient', name: [{ family: 'Carrera' }] } });
  const put = (given) => api('PUT', `/Patient/${p.json.id}`, { headers: { 'if-match': 'W/"1"' },
    body: { resourceType: 'Patient', id: p.json.id,
            name: [{ family: 'Carrera', given: [given] }] } });
  const [a, b] = await Promise.all([put('A'), put('B')]);
  for (const x of [a, b]) keepError('concurrency: If-Match', 'fhir', x.status, x.text);
  const statuses = [a.status, b.status].sort();
  const after = await api('GET', `/Patient/${p.json.id}`);
  t.check(statuses[0] === 200 && statuses[1] === 412 && after.json?.meta?.versionId === '2',
          `round ${round}: two writers with If-Match W/"1" → one 200, one 412 (${statuses}, ` +
          `version now ${after.json?.meta?.versionId})`);
}

// ---------------------------------------------------------------------------------------------
console.log('== partner port (mutual TLS)');
const partnerCert = readFileSync(dev.client_certificate_file);
const partnerKey = readFileSync(dev.client_key_file);
const partnerHost = new URL(dev.partner_base_url).host;
async function partner(target, tlsOptions) {
  return rawHttps({ url: dev.partner_base_url, ca: dev.ca, ...tlsOptions, timeoutMs: 5000,
                    head: `GET ${target} HTTP/1.1\r\nHost: ${partnerHost}\r\nConnection: close` });
}
{
  const meta = await partner('/metadata', { cert: partnerCert, key: partnerKey });
  t.check(meta.status === 200 && /CapabilityStatement/.test(meta.body),
          `partner certificate: /metadata → 200 (${meta.status} ${meta.error ?? ''})`);
  const read = await partner(patientPath, { cert: partnerCert, key: partnerKey });
  t.check(read.status === 200 && JSON.parse(read.body || '{}').id === created.json.id,
          `partner certificate: read without a token → 200 (${read.status})`);
  const onPublic = await rawHttps({ url: dev.fhir_base_url, ca: dev.ca, cert: partnerCert,
    key: partnerKey, head: `GET ${patientPath} HTTP/1.1\r\nHost: ${host}\r\nConnection: close` });
  t.check(onPublic.status === 401,
          `partner certificate on the public port is no credential → 401 (${onPublic.status})`);
  const none = await partner('/metadata', {});
  t.check(none.status === 0, `no client certificate → refused (${none.status || none.error})`);
  const noneRead = await partner(patientPath, {});
  t.check(noneRead.status === 0,
          `no client certificate, read → refused (${noneRead.status || noneRead.error})`);

  // Certificates the development CA did not issue, claiming the partner's names.
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-negative-'));
  try {
    const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const names = ['-subj', '/CN=dev-partner',
                   '-addext', `subjectAltName=URI:${dev.partner_identity}`];
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', 'self.key', '-out', 'self.crt', '-days', '2', ...names);
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2',
            '-subj', '/CN=fhir-gateway development CA');
    openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', 'leaf.key', '-out', 'leaf.csr', ...names.slice(0, 2));
    writeFileSync(path.join(dir, 'ext.cnf'),
                  `subjectAltName=URI:${dev.partner_identity}\nextendedKeyUsage=clientAuth\n`);
    openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key',
            '-CAcreateserial', '-out', 'leaf.crt', '-days', '2', '-extfile', 'ext.cnf');
    const file = (f) => readFileSync(path.join(dir, f));
    const self = await partner(patientPath, { cert: file('self.crt'), key: file('self.key') });
    t.check(self.status === 0, `self-signed certificate with the partner's names → refused (${
      self.status || self.error})`);
    const foreign = await partner(patientPath, { cert: file('leaf.crt'), key: file('leaf.key') });
    t.check(foreign.status === 0, `certificate of a foreign CA (same CA name) → refused (${
      foreign.status || foreign.error})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const again = await partner('/metadata', { cert: partnerCert, key: partnerKey });
  t.check(again.status === 200, `the partner port still serves its partner (${again.status})`);
}

// ---------------------------------------------------------------------------------------------
console.log('== expired access token');
if (process.env.GW_FAKETIME_FILE) {
  const shifted = await accessToken(dev);
  const before = await withAuth(`Bearer ${shifted}`);
  t.check(before.status === 200, `a fresh token works (${before.status})`);
  writeFileSync(process.env.GW_FAKETIME_FILE, '+10m\n');
  await sleep(2500);  // libfaketime re-reads the file after its cache duration (1 s)
  const expired = await withAuth(`Bearer ${shifted}`);
  keepError('expired token', 'fhir', expired.status, expired.body);
  t.check(expired.status === 401 &&
          (expired.headers['www-authenticate'] ?? '').includes('error="invalid_token"'),
          `the token after the server's clock moved 10 minutes on → 401 invalid_token (${
            expired.status})`);
  writeFileSync(process.env.GW_FAKETIME_FILE, '+0\n');
  await sleep(2500);
  const control = await withAuth(`Bearer ${await accessToken(dev)}`);
  t.check(control.status === 200, `clock back: a new token works (${control.status})`);
} else {
  t.skip('expired access token',
         'the server does not run under libfaketime (tokens live 5 minutes)');
}

// ---------------------------------------------------------------------------------------------
console.log('== error bodies');
const leaks = [
  [/\/tmp\//, 'a /tmp path'], [/\/work\//, 'a /work path'], [/\/home\//, 'a /home path'],
  [/\bSELECT\b|\bINSERT\b|\bsqlite/i, 'SQL'], [/\.(cc|cpp|h|hpp):\d+/, 'a source location'],
  [/std::|terminate called|#\d+\s+0x[0-9a-f]+|\bat [\w.<>]+ \(/, 'a stack trace'],
];
let bad = 0;
for (const e of errorBodies) {
  let json = null;
  try { json = JSON.parse(e.body); } catch { /* checked below */ }
  const shapeOk = e.kind === 'oauth'
    ? typeof json?.error === 'string'
    : json?.resourceType === 'OperationOutcome' && Array.isArray(json.issue) &&
      json.issue.length > 0;
  const leak = leaks.find(([re]) => re.test(e.body));
  if (!shapeOk || leak) {
    bad++;
    const why = [shapeOk ? '' : 'not the expected shape', leak ? `holds ${leak[1]}` : '']
      .filter(Boolean).join(', ');
    t.check(false, `error body of "${e.what}" (${e.status}): ${why}: ${e.body.slice(0, 160)}`);
  }
}
t.check(bad === 0, `${errorBodies.length} error bodies are OperationOutcomes / OAuth errors ` +
                   'without paths, SQL or stack traces');

process.exit(t.summary() ? 0 : 1);
