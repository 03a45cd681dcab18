export * from "./platform.ts";
export * from "./workmodels.ts";
