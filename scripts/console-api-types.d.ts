/** The text console/src/api-types.ts should hold for the given OpenAPI document (default: the committed openapi.json). */
export function generateApiTypes(document?: unknown): Promise<string>;
export const API_TYPES: string;
