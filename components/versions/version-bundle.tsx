import type { ReactNode } from "react";
import { JsonView } from "@/components/traces/json-view";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { VersionBundle } from "@/lib/versions/version-view";

// Everything a version is: what the config call serves to a session that gets it.
export function VersionBundleView({ version }: { version: VersionBundle }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Bundle</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Item label="Model">
            <span className="font-mono text-xs">{version.model}</span>
          </Item>
          <Item label="Knowledge base">
            {version.knowledgeBase ? (
              <span className="font-mono text-xs">
                {version.knowledgeBase.id} @ {version.knowledgeBase.version}
              </span>
            ) : (
              <span className="text-fg-muted">None</span>
            )}
          </Item>
          <Item label="Policy version">{version.policyVersion ? <span className="font-mono text-xs">{version.policyVersion}</span> : <span className="text-fg-muted">None recorded</span>}</Item>
        </dl>
        <Section title="System prompt">
          {version.prompt ? (
            <pre className="max-h-[28rem] overflow-auto rounded-md bg-surface-muted p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-fg" tabIndex={0} aria-label="System prompt">
              {version.prompt}
            </pre>
          ) : (
            <p className="text-sm text-fg-muted">Empty</p>
          )}
        </Section>
        <Section title="Parameters">
          {Object.keys(version.params).length ? <JsonView value={version.params} /> : <p className="text-sm text-fg-muted">None</p>}
        </Section>
        <Section title={`Tools (${version.tools.length})`}>
          {version.tools.length ? (
            <ul className="flex flex-col gap-2">
              {version.tools.map((tool) => (
                <li key={tool.name} className="flex flex-col gap-1">
                  <code className="font-mono text-xs font-medium">{tool.name}</code>
                  {tool.config && Object.keys(tool.config).length ? <JsonView value={tool.config} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-fg-muted">None</p>
          )}
        </Section>
      </CardContent>
    </Card>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <h4 className="text-xs font-semibold text-fg-muted">{title}</h4>
      {children}
    </div>
  );
}
