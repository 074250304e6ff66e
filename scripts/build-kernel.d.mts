/** Types of build-kernel.mjs, a plain JavaScript script (`npm run build:kernel`), for its test. */
export declare const WAT_PATH: string;
export declare const OUT_PATH: string;
export declare function compileKernel(): Promise<Buffer>;
export declare function kernelModuleText(bytes: Buffer): string;
