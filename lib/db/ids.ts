const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids are UUIDs; anything else cannot name a row (and would make Postgres reject the query).
export const isUuid = (value: string) => uuidPattern.test(value);
