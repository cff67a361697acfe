import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

export type AgentTabEmptyProps = {
  /** The tab's name, as the section heading for screen readers (the tab bar shows it visually). */
  heading: string;
  title: string;
  description: ReactNode;
  icon?: ReactNode;
};

// A tab with nothing to show yet says what will appear and how it gets there.
export function AgentTabEmpty({ heading, title, description, icon }: AgentTabEmptyProps) {
  return (
    <section aria-label={heading}>
      <h2 className="sr-only">{heading}</h2>
      <EmptyState icon={icon} title={title} description={description} />
    </section>
  );
}
