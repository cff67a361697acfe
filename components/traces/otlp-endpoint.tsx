"use client";

import { useEffect, useState } from "react";

// The OTLP endpoint of this server as the browser reaches it (agents usually reach the same address).
export function OtlpEndpoint() {
  const [origin, setOrigin] = useState("<this server's address>");
  useEffect(() => setOrigin(window.location.origin), []);
  return <code className="rounded bg-surface-muted px-1 font-mono text-xs break-all text-fg">OTEL_EXPORTER_OTLP_ENDPOINT={origin}/api/otlp</code>;
}
