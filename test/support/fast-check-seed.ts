import fc from "fast-check";

/**
 * Property tests run with a fixed seed so a run is reproducible and CI is not at the mercy of
 * chance; set FC_SEED to explore other inputs (`FC_SEED=$RANDOM npm test`).
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
