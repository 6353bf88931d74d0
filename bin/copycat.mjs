#!/usr/bin/env -S node --disable-warning=TimeoutNegativeWarning
// The `copycat` command. Plain JavaScript so that an old Node can still say what is wrong.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `copycat needs Node 24 or newer (this is ${process.version}). Run it as "npx copycat", which uses the Node the project pins.`,
  );
  process.exit(1);
}
const { main } = await import('../shared/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
