// The comparison's computation, a <- a·a + p repeated N times from a private start x, public p and result y:
//
//   node chain.mjs vampir N DIR     writes DIR/chain.pir and DIR/chain.inputs.json (y computed here) for vampvm
//   node chain.mjs o1js N RUNS      proves it with o1js's Kimchi prover (Experimental.ZkFunction: one Kimchi proof,
//                                   no Pickles recursion), one JSON line per step on stdout; the backend as o1js
//                                   takes it from O1JS_BACKEND (wasm, its default, or native)
//
// Workers: os.availableParallelism() (o1js's own default leaves one core idle), or O1JS_WORKERS.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

// The Pallas base field (the field of vampvm's circuits and of Kimchi's step circuits).
const P = 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001n;
const X = 5n, PUB = 3n;

function chain(n) {
  let a = X;
  for (let i = 0; i < n; i++) a = (a * a + PUB) % P;
  return a;
}

function usage() {
  console.error('usage: node chain.mjs vampir N DIR | node chain.mjs o1js N RUNS');
  process.exit(2);
}

const [mode, nArg, third] = process.argv.slice(2);
const n = Number.parseInt(nArg ?? '', 10);
if (!(n > 0) || !third) usage();

if (mode === 'vampir') {
  writeFileSync(join(third, 'chain.pir'),
    `// a <- a*a + p, ${n} times from the private x: the o1js comparison's computation (bench/o1js/chain.mjs).\n` +
    `def step a = a * a + p;\npub p;\npub y;\niter ${n} step x = y;\n`);
  writeFileSync(join(third, 'chain.inputs.json'),
    JSON.stringify({ x: String(X), p: String(PUB), y: String(chain(n)) }) + '\n');
} else if (mode === 'o1js') {
  const runs = Number.parseInt(third, 10);
  if (!(runs > 0)) usage();
  const { Experimental, Field, Provable, setNumberOfWorkers } = await import('o1js');
  const workers = Number.parseInt(process.env.O1JS_WORKERS ?? '', 10) || os.availableParallelism();
  setNumberOfWorkers(workers);
  const y = chain(n);
  const main = (p, x) => {
    let a = x;
    for (let i = 0; i < n; i++) a = a.mul(a).add(p);
    // y a constant of the circuit (vampvm's y is a public input): the same statement, one row either way.
    a.assertEquals(Field(y));
  };
  const f = Experimental.ZkFunction({ name: 'chain', publicInputType: Field, privateInputTypes: [Field], main });
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const backend = process.env.O1JS_BACKEND || 'wasm';
  const print = (o) => console.log(JSON.stringify({ n, backend, workers, ...o }));
  // Rows as the constraint system lays them out (ZkFunction's own analyzeMethod fails on this version's JSON).
  const cs = await Provable.constraintSystem(() =>
    main(Provable.witness(Field, () => Field(PUB)), Provable.witness(Field, () => Field(X))));
  print({ step: 'rows', rows: cs.rows, gates: cs.summary() });
  let t = now();
  const { verificationKey } = await f.compile();
  print({ step: 'compile', ms: now() - t });
  for (let run = 1; run <= runs; run++) {
    t = now();
    const proof = await f.prove(Field(PUB), Field(X));
    const proveMs = now() - t;
    t = now();
    const ok = await f.verify(proof, verificationKey);
    print({ step: 'prove', run, ms: proveMs, verifyMs: now() - t, verified: ok });
    if (!ok) process.exit(1);
  }
  process.exit(0);
} else {
  usage();
}
