// Runs before the app's modules (a classic script in index.html; modules are deferred). zod 4 probes
// `new Function('')` when it builds its first object schema, to decide whether it may compile fast
// parsers. Under our CSP (no 'unsafe-eval') the probe throws; zod catches that, but the browser still
// reports a CSP violation on every load. `jitless` skips the probe and the compiled parsers (which
// could not run under this CSP anyway). zod reads its config from this global when it first loads;
// the config must be in place before any schema is built, i.e. before the first module runs.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
