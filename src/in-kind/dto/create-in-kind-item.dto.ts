import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NO_CONTROL_CHARACTERS } from '../../common/text';
import { IN_KIND_CATEGORIES, InKindCategory } from '../in-kind-item.entity';

export class CreateInKindItemDto {
  @ApiProperty({ example: 'isolation-gown', description: 'stable code: lower-case letters, digits and dashes' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'code must be 2-63 lower-case letters, digits or dashes' })
  code: string;

  @ApiProperty({ example: '隔离衣' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ enum: IN_KIND_CATEGORIES })
  @IsIn(IN_KIND_CATEGORIES)
  category: InKindCategory;

  @ApiProperty({ example: '件', description: 'counting unit: 只, 套, 副, 瓶, 片, 个, 盒, 人份 …' })
  @IsString()
  @MinLength(1)
  @MaxLength(8)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'unit must not contain control characters' })
  unit: string;

  @ApiPropertyOptional({ example: 'YY/T 1499-2016', description: 'the standard a medical-grade item must meet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'standard must not contain control characters' })
  standard?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
