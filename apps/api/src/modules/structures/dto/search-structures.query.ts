import { PaginationQuery } from '../../../common/validation/pagination.query';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { CompetenceCode, StructureSearchQuery, StructureSort } from '@tdb/contracts';
import { CATEGORIES, DEPARTMENTS, REGIONS } from '@tdb/reference';

/** "A,B" or repeated ?x=A&x=B → ['A', 'B']. */
const toList = ({ value }: { value: unknown }): string[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
};

/** "Catégorie inconnue : X, Y." naming only the unknown values of a list. */
const unknownValues = (label: string, allowed: readonly string[]) => (args: { value: unknown }) =>
  `${label} : ${([] as unknown[])
    .concat(args.value)
    .filter((v) => !allowed.includes(String(v)))
    .join(', ')}.`;

const CATEGORY_CODES = CATEGORIES.map((c) => c.code);
const DEPARTMENT_CODES = DEPARTMENTS.map((d) => d.code);
const REGION_CODES = REGIONS.map((r) => r.code);
const COMPETENCES = ['ARS', 'CD', 'SHARED'];

const SORTS: StructureSort[] = [
  'name',
  '-name',
  'finess',
  '-finess',
  'category',
  '-category',
  'department',
  '-department',
];

export class SearchStructuresQuery extends PaginationQuery implements StructureSearchQuery {
  @ApiPropertyOptional({ description: 'Nom (sans tenir compte des accents ni de la casse) ou numéro FINESS' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'La recherche ne doit pas dépasser 200 caractères.' })
  q?: string;

  @ApiPropertyOptional({ description: 'Numéro FINESS géographique exact' })
  @IsOptional()
  @Matches(/^[0-9][0-9AB][0-9]{7}$/, { message: 'Le numéro FINESS doit compter 9 caractères.' })
  finess?: string;

  @ApiPropertyOptional({
    description: 'Codes de catégorie TDB, séparés par des virgules',
    example: 'EHPAD,IME',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(CATEGORY_CODES, { each: true, message: unknownValues('Catégorie inconnue', CATEGORY_CODES) })
  category?: string[];

  @ApiPropertyOptional({ description: 'Codes INSEE de département', example: '75,2A' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(DEPARTMENT_CODES, { each: true, message: unknownValues('Département inconnu', DEPARTMENT_CODES) })
  department?: string[];

  @ApiPropertyOptional({ description: 'Codes INSEE de région', example: '11' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(REGION_CODES, { each: true, message: unknownValues('Région inconnue', REGION_CODES) })
  region?: string[];

  @ApiPropertyOptional({ description: "FINESS juridique de l'organisme gestionnaire" })
  @IsOptional()
  @Matches(/^[0-9][0-9AB][0-9]{7}$/, { message: 'Le numéro FINESS juridique doit compter 9 caractères.' })
  og?: string;

  @ApiPropertyOptional({ description: 'Compétence : ARS, CD, SHARED', example: 'ARS,SHARED' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(COMPETENCES, {
    each: true,
    message: unknownValues('Compétence inconnue (ARS, CD ou SHARED attendu)', COMPETENCES),
  })
  competence?: CompetenceCode[];

  @ApiPropertyOptional({ enum: SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SORTS, { message: `Tri inconnu : choisissez parmi ${SORTS.join(', ')}.` })
  sort?: StructureSort;
}
