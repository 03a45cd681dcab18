export { demoCaseworkers } from "./followup-data.ts";
export { demoUsers, isEmpty, seedBootstrap, seedDemo } from "./seed.ts";
