/**
 * Every test file starts with the modules' catalogs and audit vocabulary installed, as the app
 * does when it starts (buildApp), so that a test of a view or a rule that translates needs no app.
 * The manifests are light: this loads catalogs and labels, not pages.
 */
import { modules } from "../src/modules.ts";
import { installModules } from "../src/platform/module.ts";

installModules(modules);
