// Column order of each table: the order of properties in its JSON Schema.
import { schemaOf } from './schemas.js';
import { TABLES, type Table } from '../types.js';

export const COLUMNS = Object.fromEntries(TABLES.map((t) => [t, Object.keys(schemaOf(t).properties)])) as Record<Table, string[]>;
