import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { CreateInKindItemDto } from './dto/create-in-kind-item.dto';
import { InKindItemListView, InKindItemView, toInKindItemView } from './dto/in-kind.view';
import { InKindItem } from './in-kind-item.entity';
import { InKindItemsRepository } from './in-kind-items.repository';

/** The catalogue of goods: seeded by migration with the foundation's list; staff may add items. */
@Injectable()
export class InKindCatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: InKindItemsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<InKindItemListView> {
    return { items: (await this.items.list()).map(toInKindItemView) };
  }

  async create(dto: CreateInKindItemDto, actor: StaffPrincipal): Promise<InKindItemView> {
    const name = cleanText(dto.name);
    const unit = cleanText(dto.unit);
    if (!name || !unit) throw new DomainError('VALIDATION_FAILED', '请填写物资名称和计量单位');
    try {
      return await this.dataSource.transaction(async (m) => {
        const item = m.create(InKindItem, {
          code: dto.code,
          name,
          category: dto.category,
          unit,
          standard: cleanText(dto.standard),
          note: cleanText(dto.note),
          sortOrder: 1000,
          createdBy: actor.id,
        });
        await this.items.insert(m, item);
        const view = toInKindItemView(item);
        await this.audit.record(m, actor, { action: 'in_kind_item.create', entity: 'in_kind_item', entityId: item.code, after: view });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('IN_KIND_ITEM_EXISTS', `物资代码 ${dto.code} 或名称 ${name} 已在目录中`);
      throw error;
    }
  }

  /** The catalogue rows of these codes; an unknown code is refused (422 UNKNOWN_ITEM). */
  async require(codes: string[], m?: EntityManager): Promise<Map<string, InKindItem>> {
    const items = codes.length ? await this.items.findByCodes(codes, m) : [];
    const byCode = new Map(items.map((i) => [i.code, i]));
    const missing = codes.filter((c) => !byCode.has(c));
    if (missing.length) throw new DomainError('UNKNOWN_ITEM', `物资目录中没有 ${missing.join('、')}`, { itemCodes: missing });
    return byCode;
  }
}
