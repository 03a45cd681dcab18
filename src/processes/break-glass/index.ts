export { breakGlassMessages } from "./messages.ts";
export { DEFAULT_BREAK_GLASS_MINUTES } from "./model.ts";
export { paths as breakGlassPaths } from "./paths.ts";
export { deliverBreakGlassNotices } from "./service.ts";
export { BreakGlassOffer } from "./views.tsx";
