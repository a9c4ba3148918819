import { FinessImport } from '../modules/structures/finess-import.entity';
import { ManagingOrganisation } from '../modules/structures/managing-organisation.entity';
import { StructureHistory } from '../modules/structures/structure-history.entity';
import { Structure } from '../modules/structures/structure.entity';

export const ENTITIES = [ManagingOrganisation, Structure, StructureHistory, FinessImport];
