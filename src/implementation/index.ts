export { seedDemoImplementation } from "./demo.ts";
export type { KindCount } from "./model.ts";
export { buildParticipation, summariseKinds } from "./model.ts";
export { paths } from "./paths.ts";
export { activitiesOf, participation, unitsOf } from "./store.ts";
