/** An action and whether the caller may take it now; when not, why (French, with its date). */
export interface ActionOptionDto<A extends string = string> {
  action: A;
  allowed: boolean;
  reason: string | null;
}
