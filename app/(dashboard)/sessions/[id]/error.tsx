"use client";

import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";

export default function SessionError(props: RouteErrorProps) {
  return <RouteError title="The session could not be loaded" {...props} />;
}
