/** The municipality's single sign-on settings: what sibling sub-capabilities may use. */
export { paths } from "./paths.ts";
