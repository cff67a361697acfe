"use client";

import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";

export default function AgentsError(props: RouteErrorProps) {
  return <RouteError title="Agents could not be loaded" {...props} />;
}
