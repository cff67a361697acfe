"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState, type ReactNode } from "react";
import { Toaster } from "@/components/ui/toaster";

export type ProvidersProps = {
  /** The server-fetched session, so useSession() has data on first paint. */
  session?: Session | null;
  children: ReactNode;
};

export function Providers({ session, children }: ProvidersProps) {
  // One client per browser tab; created in state so a re-render never discards the cache.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, refetchOnWindowFocus: true },
        },
      }),
  );
  return (
    <NuqsAdapter>
      <SessionProvider session={session}>
        <QueryClientProvider client={queryClient}>
          {children}
          <Toaster />
        </QueryClientProvider>
      </SessionProvider>
    </NuqsAdapter>
  );
}
