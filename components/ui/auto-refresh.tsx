"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { LiveIndicator } from "./live-indicator";

// Keeps a server-rendered page live: every `intervalMs` while the tab is visible it asks the server to
// render the page again (router.refresh: client state such as an open dialog or a typed filter is
// kept, rows update in place), and says when it last did. For pages whose data is read by server
// components; lists that have an API of their own poll it with TanStack Query instead.
export function AutoRefresh({ intervalMs = 10_000, label }: { intervalMs?: number; label?: string }) {
  const router = useRouter();
  const [updatedAt, setUpdatedAt] = useState(() => Date.now());
  const [refreshing, startTransition] = useTransition();
  const wasRefreshing = useRef(false);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== "visible") return;
      startTransition(() => router.refresh());
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);

  useEffect(() => {
    if (wasRefreshing.current && !refreshing) setUpdatedAt(Date.now());
    wasRefreshing.current = refreshing;
  }, [refreshing]);

  return <LiveIndicator updatedAt={updatedAt} label={label} />;
}
