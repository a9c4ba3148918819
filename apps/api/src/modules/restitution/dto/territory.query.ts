import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { ItemBenchmarkQuery } from '../item-benchmark.service';
import type { ScatterQuery, TableQuery } from '../territory-inputs';

const text = (name: string) => ({
  message: `Le paramètre « ${name} » doit être donné une seule fois, comme un texte.`,
});
const short = (name: string, max: number) => ({
  message: `Le paramètre « ${name} » dépasse ${max} caractères.`,
});

/**
 * The query strings of the territory restitutions: each parameter one text (a repeated one is an
 * array, refused here with a 400 rather than failing deeper). Their meaning is checked by the
 * services (known indicator, category, department…), which say what is wrong in French.
 */
export class TableQueryDto implements TableQuery {
  @IsOptional() @IsString(text('indicators')) @MaxLength(400, short('indicators', 400)) indicators?: string;
  @IsOptional() @IsString(text('category')) @MaxLength(40, short('category', 40)) category?: string;
  @IsOptional() @IsString(text('department')) @MaxLength(10, short('department', 10)) department?: string;
  @IsOptional() @IsString(text('page')) @MaxLength(10, short('page', 10)) page?: string;
  @IsOptional() @IsString(text('pageSize')) @MaxLength(10, short('pageSize', 10)) pageSize?: string;
  @IsOptional() @IsString(text('sort')) @MaxLength(40, short('sort', 40)) sort?: string;
}

export class ScatterQueryDto implements ScatterQuery {
  @IsOptional() @IsString(text('x')) @MaxLength(40, short('x', 40)) x?: string;
  @IsOptional() @IsString(text('y')) @MaxLength(40, short('y', 40)) y?: string;
  @IsOptional() @IsString(text('category')) @MaxLength(40, short('category', 40)) category?: string;
  @IsOptional() @IsString(text('department')) @MaxLength(10, short('department', 10)) department?: string;
  @IsOptional() @IsString(text('region')) @MaxLength(10, short('region', 10)) region?: string;
  @IsOptional() @IsString(text('highlight')) @MaxLength(20, short('highlight', 20)) highlight?: string;
}

export class ItemBenchmarkQueryDto implements ItemBenchmarkQuery {
  @IsOptional() @IsString(text('item')) @MaxLength(80, short('item', 80)) item?: string;
  @IsOptional() @IsString(text('department')) @MaxLength(10, short('department', 10)) department?: string;
  @IsOptional() @IsString(text('region')) @MaxLength(10, short('region', 10)) region?: string;
  @IsOptional() @IsString(text('structures')) @MaxLength(10, short('structures', 10)) structures?: string;
}
