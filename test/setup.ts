/**
 * Every test file starts with the modules' catalogs and audit vocabulary installed, as the app
 * does when it starts (buildApp), so that a test of a view or a rule that translates needs no app.
 * The manifests are light: this loads catalogs and labels, not pages.
 *
 * And with the tests' identity-number key installed (decision 0061), and in the environment, so
 * that an app a test starts as a process (`npm start`) reads the same key.
 */
import { modules } from "../src/modules.ts";
import { installIdentityKeys, readIdentityKeys } from "../src/platform/identity-crypto.ts";
import { installModules } from "../src/platform/module.ts";
import { TEST_IDENTITY_KEY } from "./identity-key.ts";

installModules(modules);

process.env.SOFIA_IDENTITY_KEY = TEST_IDENTITY_KEY;
delete process.env.SOFIA_IDENTITY_KEYS;
delete process.env.SOFIA_IDENTITY_KEY_FILE;
installIdentityKeys(readIdentityKeys({ key: TEST_IDENTITY_KEY }, "", false).keyring);
