/** The `date` format as ajv-formats' full `date` reads it: exactly `YYYY-MM-DD`, a day that exists. */
export declare function rfc3339Date(s: string): boolean;
/** The `date-time` format as ajv-formats' full `date-time` reads it (RFC 3339, offset required). */
export declare function rfc3339DateTime(s: string): boolean;
