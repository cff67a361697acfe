import { on } from "../events/registry";
import { eventsMissed, type DomainEvent } from "../events/define-event";
import { pricesChanged } from "./events";
import { invalidatePrices } from "./load-prices";

for (const event of [pricesChanged, eventsMissed] as DomainEvent<unknown>[]) on(event, "forget the cached price book", invalidatePrices);
