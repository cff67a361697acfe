"use client";

import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";

export default function TracesError(props: RouteErrorProps) {
  return <RouteError title="Traces could not be loaded" {...props} />;
}
