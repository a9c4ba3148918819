/**
 * A yes/no query parameter as clients write it: "true"/"1" and "false"/"0". Anything else is left
 * as is, for @IsBoolean to refuse in French. (class-transformer's `@Type(() => Boolean)` made any
 * non-empty text true, "false" included.)
 */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
