// fhirpath.js side of the FHIRPath benchmark: runs the cases written by
// `fhirpath_bench --emit-cases FILE` with fhirpath.js (R4 model), each expression compiled once.
// usage: node fhirpath_bench.js CASES_JSON NODE_MODULES_DIR [SECONDS]
'use strict';
const fs = require('fs');
const path = require('path');

const [casesFile, modulesDir, secondsArg] = process.argv.slice(2);
const fhirpath = require(path.join(modulesDir, 'fhirpath'));
const r4 = require(path.join(modulesDir, 'fhirpath/fhir-context/r4'));
const seconds = Number(secondsArg || 3);
const spec = JSON.parse(fs.readFileSync(casesFile, 'utf8'));

const inputs = new Map();
const suite = [];
for (const c of spec.suite) {
  if (!inputs.has(c.input)) inputs.set(c.input, JSON.parse(fs.readFileSync(c.input, 'utf8')));
  let fn;
  try {
    fn = fhirpath.compile(c.expression, r4);
    fn(inputs.get(c.input));
  } catch (e) {
    continue;  // not supported by fhirpath.js
  }
  suite.push({ fn, input: inputs.get(c.input) });
}

const patients = [];
for (const f of spec.bundles) {
  const b = JSON.parse(fs.readFileSync(f, 'utf8'));
  for (const e of b.entry || []) {
    if (e.resource && e.resource.resourceType === 'Patient') patients.push(e.resource);
  }
}
const pfn = fhirpath.compile('name.exists() or telecom.exists()', r4);

function rate(body) {
  body();
  const start = process.hrtime.bigint();
  let evals = 0;
  let elapsed = 0;
  do {
    evals += body();
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < seconds);
  return evals / elapsed;
}

let sink = 0;
const suiteRate = rate(() => {
  for (const c of suite) {
    try { sink += c.fn(c.input).length; } catch (e) { /* counted as done */ }
  }
  return suite.length;
});
const synRate = rate(() => {
  for (const p of patients) sink += pfn(p).length;
  return patients.length;
});
console.log(`suite_cases=${suite.length}`);
console.log(`suite_evals_per_sec=${Math.round(suiteRate)}`);
console.log(`synthea_patients=${patients.length}`);
console.log(`synthea_evals_per_sec=${Math.round(synRate)}`);
console.error(`(checksum ${sink})`);
