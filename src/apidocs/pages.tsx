import { NotFoundError } from "../platform/errors.ts";
import type { App, View } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink } from "../platform/page-parts.tsx";
import { actions, isAction } from "../platform/permissions.ts";
import {
  type ApiReference,
  type BodyDoc,
  type Constraints,
  type FieldDoc,
  type OpenApiDocument,
  type OperationDoc,
  toReference,
} from "./model.ts";
import { paths } from "./paths.ts";

const ERROR_STATUSES = ["400", "401", "403", "404", "409", "413", "415", "500"];

function constraintTexts(c: Constraints, t: Translate): string[] {
  return (Object.entries(c) as Array<[keyof Constraints, string | number]>).map(([key, n]) => t(`apidocs.c.${key}`, { n }));
}

function Description({ field, t }: { field: Pick<FieldDoc, "description" | "constraints">; t: Translate }) {
  const extra = constraintTexts(field.constraints, t);
  return (
    <>
      {field.description}
      {extra.length > 0 && <span class="sofia-apidocs-constraints">{`${field.description ? " " : ""}(${extra.join(", ")})`}</span>}
    </>
  );
}

function FieldTable({ fields, caption, t, requiredLabel }: { fields: FieldDoc[]; caption: string; t: Translate; requiredLabel: string }) {
  return (
    <div class="sofia-table-wrap">
      <table class="ds-table" data-border data-size="sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apidocs.col.field")}</th>
            <th scope="col">{t("apidocs.col.type")}</th>
            <th scope="col">{requiredLabel}</th>
            <th scope="col">{t("apidocs.col.description")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr>
              <th scope="row">
                <code>{f.name}</code>
              </th>
              <td>
                <code>{f.type}</code>
              </td>
              <td>{t(f.required ? "apidocs.yes" : "apidocs.no")}</td>
              <td>
                <Description field={f} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function permissionText(permission: string | undefined, authenticated: boolean, t: Translate): string {
  if (permission && isAction(permission)) return `${actions[permission]} (${permission})`;
  if (permission === "public" || (!permission && !authenticated)) return t("apidocs.permission.public");
  return t("apidocs.permission.authenticated");
}

function BodyIntro({ body, t }: { body: BodyDoc; t: Translate }) {
  return (
    <p class="ds-paragraph">
      {t("apidocs.body.type", { contentType: body.contentType, type: body.type })} {body.description}
    </p>
  );
}

function OperationView({ op, t }: { op: OperationDoc; t: Translate }) {
  const name = `${op.method} ${op.path}`;
  const successes = op.responses.filter((r) => r.status.startsWith("2") && r.body && r.body.fields.length > 0);
  return (
    <section class="sofia-apidocs-op" aria-labelledby={op.id}>
      <h3 id={op.id} class="ds-heading" data-size="xs">
        <span class="sofia-apidocs-method" data-method={op.method.toLowerCase()}>
          {op.method}
        </span>{" "}
        <code>{op.path}</code>
      </h3>
      {op.summary && <p class="ds-paragraph sofia-apidocs-summary">{op.summary}</p>}
      {op.deprecated && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("apidocs.deprecated")}</p>
        </div>
      )}
      {op.description && <p class="ds-paragraph">{op.description}</p>}
      <dl class="sofia-apidocs-meta">
        <dt>{t("apidocs.permission")}</dt>
        <dd>{permissionText(op.permission, op.authenticated, t)}</dd>
      </dl>

      {op.parameters.length > 0 && (
        <>
          <h4 class="ds-heading" data-size="2xs">
            {t("apidocs.parameters")}
          </h4>
          <div class="sofia-table-wrap">
            <table class="ds-table" data-border data-size="sm">
              <caption>{t("apidocs.parameters.caption", { operation: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apidocs.col.name")}</th>
                  <th scope="col">{t("apidocs.col.in")}</th>
                  <th scope="col">{t("apidocs.col.type")}</th>
                  <th scope="col">{t("apidocs.col.required")}</th>
                  <th scope="col">{t("apidocs.col.description")}</th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr>
                    <th scope="row">
                      <code>{p.name}</code>
                    </th>
                    <td>{t(`apidocs.in.${p.in}`)}</td>
                    <td>
                      <code>{p.type}</code>
                    </td>
                    <td>{t(p.required ? "apidocs.yes" : "apidocs.no")}</td>
                    <td>
                      <Description field={p} t={t} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {op.body && (
        <>
          <h4 class="ds-heading" data-size="2xs">
            {t("apidocs.body")}
          </h4>
          <BodyIntro body={op.body} t={t} />
          {op.body.required && <p class="ds-paragraph">{t("apidocs.body.required")}</p>}
          {op.body.fields.length > 0 && (
            <FieldTable
              fields={op.body.fields}
              caption={t("apidocs.body.caption", { operation: name })}
              t={t}
              requiredLabel={t("apidocs.col.required")}
            />
          )}
        </>
      )}

      <h4 class="ds-heading" data-size="2xs">
        {t("apidocs.responses")}
      </h4>
      <div class="sofia-table-wrap">
        <table class="ds-table" data-border data-size="sm">
          <caption>{t("apidocs.responses.caption", { operation: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("apidocs.col.status")}</th>
              <th scope="col">{t("apidocs.col.description")}</th>
            </tr>
          </thead>
          <tbody>
            {op.responses.map((r) => (
              <tr>
                <th scope="row">{r.status}</th>
                <td>{r.description || statusMeaning(r.status, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {successes.map((r) =>
        r.body ? (
          <>
            {r.body.type.startsWith("array") && <p class="ds-paragraph">{t("apidocs.responseFields.list")}</p>}
            <FieldTable
              fields={r.body.fields}
              caption={t("apidocs.responseFields.caption", { status: r.status, operation: name })}
              t={t}
              requiredLabel={t("apidocs.col.always")}
            />
          </>
        ) : null,
      )}
    </section>
  );
}

/** What a status means in general, for a response its route left undescribed. */
function statusMeaning(status: string, t: Translate): string {
  const key = ERROR_STATUSES.includes(status) ? `apidocs.errors.${status}` : `apidocs.status.${status}`;
  const text = t(key);
  return text === key ? "" : text;
}

const problemExample = (t: Translate) =>
  JSON.stringify(
    { type: "about:blank", title: t("error.validation"), status: 400, errors: [{ field: "name", message: t("form.required") }] },
    null,
    2,
  );

function ApiDocsView({ view, reference, origin }: { view: View; reference: ApiReference; origin: string }) {
  const { t } = view;
  const sections = [
    { id: "kom-igang", label: t("apidocs.start.title") },
    { id: "autentisering", label: t("apidocs.auth.title") },
    { id: "fel", label: t("apidocs.errors.title") },
    { id: "versioner", label: t("apidocs.versions.title") },
  ];
  const tagName = (name: string) => name || t("apidocs.untagged");
  return (
    <Layout view={view} title={t("apidocs.title")}>
      <PageHeading>{t("apidocs.title")}</PageHeading>
      <p class="ds-paragraph" data-size="lg">
        {t("apidocs.lead")}
      </p>
      <p class="ds-paragraph">
        {t("apidocs.version", { version: reference.version, openapi: reference.openapi })}{" "}
        <a class="ds-link" href={paths.openapi.href()}>
          {paths.openapi.href()}
        </a>
      </p>
      {view.locale !== "sv" && <p class="ds-paragraph">{t("apidocs.swedishOnly")}</p>}

      <nav aria-labelledby="contents-h" class="sofia-section">
        <h2 id="contents-h" class="ds-heading" data-size="sm">
          {t("apidocs.contents")}
        </h2>
        <ul class="ds-list">
          {sections.map((s) => (
            <li>
              <a class="ds-link" href={`#${s.id}`}>
                {s.label}
              </a>
            </li>
          ))}
          {reference.tags.map((tag) => (
            <li>
              <a class="ds-link" href={tagHref(tag.id)}>
                {tagName(tag.name)}
              </a>
              <ul class="ds-list">
                {tag.operations.map((op) => (
                  <li>
                    <a class="ds-link" href={`${tagHref(tag.id)}#${op.id}`}>
                      <code>{`${op.method} ${op.path}`}</code>
                    </a>
                    {op.summary ? `: ${op.summary}` : ""}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="kom-igang" class="sofia-section">
        <h2 id="kom-igang" class="ds-heading" data-size="sm">
          {t("apidocs.start.title")}
        </h2>
        <ol class="ds-list">
          <li>
            {t("apidocs.start.step1")}{" "}
            <a class="ds-link" href="/konto">
              {t("apidocs.start.account")}
            </a>
          </li>
          <li>{t("apidocs.start.step2")}</li>
          <li>{t("apidocs.start.step3")}</li>
          <li>
            {t("apidocs.start.step4")}
            <pre class="sofia-code">
              <code>{`curl -H "Authorization: Bearer sofia_pat_…" ${origin}/api/v1/me`}</code>
            </pre>
          </li>
        </ol>
      </section>

      <section aria-labelledby="autentisering" class="sofia-section">
        <h2 id="autentisering" class="ds-heading" data-size="sm">
          {t("apidocs.auth.title")}
        </h2>
        <p class="ds-paragraph">{t("apidocs.auth.text")}</p>
        <pre class="sofia-code">
          <code>Authorization: Bearer sofia_pat_…</code>
        </pre>
        <p class="ds-paragraph">{t("apidocs.auth.scopes")}</p>
        <p class="ds-paragraph">{t("apidocs.auth.create")}</p>
      </section>

      <section aria-labelledby="fel" class="sofia-section">
        <h2 id="fel" class="ds-heading" data-size="sm">
          {t("apidocs.errors.title")}
        </h2>
        <p class="ds-paragraph">{t("apidocs.errors.text")}</p>
        <p class="ds-paragraph">{t("apidocs.errors.example")}</p>
        <pre class="sofia-code">
          <code>{`HTTP/1.1 400 Bad Request\nContent-Type: application/problem+json; charset=utf-8\n\n${problemExample(t)}`}</code>
        </pre>
        <table class="ds-table" data-border data-size="sm">
          <caption>{t("apidocs.errors.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("apidocs.errors.status")}</th>
              <th scope="col">{t("apidocs.errors.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_STATUSES.map((s) => (
              <tr>
                <th scope="row">{s}</th>
                <td>{t(`apidocs.errors.${s}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="versioner" class="sofia-section">
        <h2 id="versioner" class="ds-heading" data-size="sm">
          {t("apidocs.versions.title")}
        </h2>
        <p class="ds-paragraph">{t("apidocs.versions.text")}</p>
      </section>

      {reference.tags.length === 0 && <p class="ds-paragraph sofia-section">{t("apidocs.noOperations")}</p>}
    </Layout>
  );
}

const tagHref = (id: string) => paths.tag.href({ tag: id });

/** One tag's operations on a page of their own: the whole reference on one page grew too large to read. */
function ApiTagView({ view, tag }: { view: View; tag: ApiReference["tags"][number] }) {
  const { t } = view;
  const name = tag.name || t("apidocs.untagged");
  return (
    <Layout view={view} title={`${name} – ${t("apidocs.title")}`}>
      <BackLink href={paths.docs.href()} text={t("apidocs.backToIndex")} />
      <PageHeading>{name}</PageHeading>
      {tag.description && <p class="ds-paragraph">{tag.description}</p>}
      {view.locale !== "sv" && <p class="ds-paragraph">{t("apidocs.swedishOnly")}</p>}
      <nav aria-labelledby="tag-contents-h" class="sofia-section">
        <h2 id="tag-contents-h" class="ds-heading" data-size="sm">
          {t("apidocs.contents")}
        </h2>
        <ul class="ds-list">
          {tag.operations.map((op) => (
            <li>
              <a class="ds-link" href={`#${op.id}`}>
                <code>{`${op.method} ${op.path}`}</code>
              </a>
              {op.summary ? `: ${op.summary}` : ""}
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="tag-operations-h" class="sofia-section">
        <h2 id="tag-operations-h" class="sofia-sr-only">
          {t("apidocs.operations")}
        </h2>
        {tag.operations.map((op) => (
          <OperationView op={op} t={t} />
        ))}
      </section>
    </Layout>
  );
}

/**
 * The readable API reference, rendered on the server from the OpenAPI document: no Swagger UI,
 * no script. Public: it documents the API and discloses no data.
 */
export function apidocsPages(app: App): void {
  let reference: ApiReference | undefined;
  app.get(paths.docs.pattern, { config: { permission: "public" } }, async (req, reply) => {
    reference ??= toReference(app.swagger() as unknown as OpenApiDocument);
    return reply.page(<ApiDocsView view={req.view} reference={reference} origin={`${req.protocol}://${req.host}`} />);
  });

  app.get<{ Params: { tag: string } }>(paths.tag.pattern, { config: { permission: "public" } }, async (req, reply) => {
    reference ??= toReference(app.swagger() as unknown as OpenApiDocument);
    const tag = reference.tags.find((x) => x.id === req.params.tag);
    if (!tag) throw new NotFoundError();
    return reply.page(<ApiTagView view={req.view} tag={tag} />);
  });

  // The address the start page once linked; the page lives outside /api so that it shows who is signed in.
  app.get(paths.oldDocs.pattern, { config: { permission: "public" }, schema: { hide: true } }, async (_req, reply) =>
    reply.redirect(paths.docs.href(), 301),
  );
}
