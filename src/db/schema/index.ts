export * from "./audits.ts";
export * from "./economy.ts";
export * from "./families.ts";
export * from "./implementation.ts";
export * from "./platform.ts";
export * from "./processes.ts";
export * from "./surveys.ts";
export * from "./workmodels.ts";
