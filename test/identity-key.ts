/** The tests' identity-number master key (decision 0061): 32 bytes, base64, the same in every test. */
export const TEST_IDENTITY_KEY = Buffer.alloc(32, "sofia-test-identity-key").toString("base64");
