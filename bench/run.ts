/** `npm run bench`: every benchmark in turn. Figures are printed, never asserted. */
const BENCHES = ['./cli.bench.ts', './analysis.bench.ts', './ingest.bench.ts', './find.bench.ts', './export.bench.ts', './webhooks.bench.ts', './proxy.bench.ts', './otlp.bench.ts', './rate-limit.bench.ts'];

for (const file of BENCHES) {
  console.log(`\n== ${file.replace('./', 'bench/')}`);
  const mod = (await import(file)) as { run(): Promise<void> };
  await mod.run();
}
