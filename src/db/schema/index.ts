export * from "./economy.ts";
export * from "./families.ts";
export * from "./platform.ts";
export * from "./processes.ts";
export * from "./surveys.ts";
export * from "./workmodels.ts";
