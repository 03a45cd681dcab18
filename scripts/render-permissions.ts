/**
 * Renders the policy table of src/platform/permissions.ts as docs/permissions.md.
 * `npm run docs:permissions` writes the file; scripts/permissions-doc.test.ts fails when the
 * committed file differs from what this renders, so the document cannot drift from the code.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { roles } from "../src/platform/auth-types.ts";
import { platformMessages } from "../src/platform/messages.ts";
import { actions, policy, scopes } from "../src/platform/permissions.ts";

export const permissionsDocPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/permissions.md");

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
const sv = (key: string) => platformMessages.sv[key] ?? key;
const en = (key: string) => platformMessages.en[key] ?? key;

/** The whole markdown document for the current policy table. */
export function renderPermissions(): string {
  const lines: string[] = [
    "# Permissions (behörigheter)",
    "",
    "<!-- Generated from src/platform/permissions.ts by `npm run docs:permissions`. Do not edit by hand:",
    "     scripts/permissions-doc.test.ts fails when this file differs from the code. -->",
    "",
    "Who may do what, and on which records. This is the policy table of `src/platform/permissions.ts`,",
    "rendered: the services check exactly this table (`authorize(ctx, action)` in `src/platform/context.ts`).",
    "",
    "- **Deny by default**: an action that a role does not list is refused (403 page or problem+json),",
    "  and the refusal is written to the security log.",
    "- A user with several roles gets the widest scope any of them gives.",
    "- A personal access token (API) can only narrow this further: it allows the actions in its scopes,",
    "  and only those the user's roles allow.",
    "",
    "## Scopes (omfattning)",
    "",
    row(["Scope", "Svenska", "English"]),
    row(["---", "---", "---"]),
    ...scopes.map((s) => row([`\`${s}\``, sv(`scope.${s}`), en(`scope.${s}`)])),
    "",
    "## Actions × roles",
    "",
    "Each cell is the scope the role gives for the action (svenska / English); — means denied.",
    "",
    row(["Action", "Beskrivning", ...roles.map((r) => `${sv(`role.${r}`)} / ${en(`role.${r}`)}`)]),
    row(["---", "---", ...roles.map(() => "---")]),
  ];
  for (const [action, description] of Object.entries(actions) as Array<[keyof typeof actions, string]>) {
    const cells = roles.map((r) => {
      const scope = policy[r][action];
      return scope ? `${sv(`scope.${scope}`)} / ${en(`scope.${scope}`)}` : "—";
    });
    lines.push(row([`\`${action}\``, description, ...cells]));
  }
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  fs.writeFileSync(permissionsDocPath, renderPermissions());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), permissionsDocPath)}\n`);
}
