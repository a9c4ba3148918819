import { Badge } from '@codegouvfr/react-dsfr/Badge';

/** Marks an indicator whose definition is not validated yet. */
export function ProvisionalBadge() {
  return (
    <Badge as="span" small noIcon severity="warning">
      provisoire
    </Badge>
  );
}
