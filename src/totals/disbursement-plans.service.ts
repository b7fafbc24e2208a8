import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { parsePlanCsv, parsePlanRows, PlanTiers } from './disbursement-plan-csv';
import { DisbursementPlansRepository, PlanRow } from './disbursement-plans.repository';
import { DisbursementsService } from './disbursements.service';
import { DisbursementPlanListView, DisbursementPlanView, toDisbursementPlanView } from './dto/disbursement-plan.view';
import { CreateDisbursementPlanDto, ImportDisbursementPlanDto, PayPlanLineDto, PlanTierDto } from './dto/disbursement-plan.dto';
import { PlanFileReader } from './plan-file.reader';

/**
 * 逐级拨付逐级公布: a plan lists every recipient unit with its amount and must add up to its total; once
 * approved, each line is paid by one disbursement (recorded with the line in one transaction), and
 * the approved plans are public with what each unit got.
 */
@Injectable()
export class DisbursementPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly disbursements: DisbursementsService,
    private readonly repository: DisbursementPlansRepository,
    private readonly audit: AuditLogService,
    private readonly files: PlanFileReader,
  ) {}

  async create(dto: CreateDisbursementPlanDto, actor: StaffPrincipal) {
    const tiers = tierMap(dto.tiers);
    return this.record(dto, () => parsePlanCsv(dto.csv, tiers), actor);
  }

  /** A plan imported from a file (CSV or XLSX, the same headers), read off the event loop with the checks before parsing. */
  async importFile(fields: ImportDisbursementPlanDto, bytes: Buffer, actor: StaffPrincipal) {
    const tiers = tierMap(fields.tiers);
    return this.record(fields, async () => parsePlanRows(await this.files.read(bytes), tiers), actor);
  }

  private async record(
    dto: ImportDisbursementPlanDto,
    parseLines: () => ReturnType<typeof parsePlanRows> | Promise<ReturnType<typeof parsePlanRows>>,
    actor: StaffPrincipal,
  ) {
    const title = cleanText(dto.title);
    if (!title) throw new DomainError('VALIDATION_FAILED', '请填写计划名称');
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const fund = dto.fundCode !== undefined ? await this.campaigns.fundByCode(campaign.id, dto.fundCode) : null;
    const { lines, errors } = await parseLines();
    if (errors.length > 0 || lines.length === 0) {
      throw new DomainError('INVALID_PLAN', errors.length > 0 ? `计划有 ${errors.length} 行不正确：${errors[0].message}` : '计划没有任何一行', { errors });
    }
    const sum = lines.reduce((total, l) => total + l.amountFen, 0);
    if (!Number.isSafeInteger(sum) || sum !== dto.totalFen) {
      throw new DomainError('PLAN_TOTAL_MISMATCH', `计划各行合计 ${formatYuan(sum)} 元，与计划总额 ${formatYuan(dto.totalFen)} 元不符`, {
        linesFen: sum,
        totalFen: dto.totalFen,
      });
    }
    const plan = await this.dataSource.transaction(async (m) => {
      const row = await this.repository.insert(
        m,
        { campaignId: campaign.id, fundId: fund?.id ?? null, title, totalFen: dto.totalFen, createdBy: actor.id },
        lines,
      );
      await this.audit.record(m, actor, {
        action: 'disbursement_plan.create',
        entity: 'disbursement_plan',
        entityId: row.id,
        after: { campaignCode: campaign.code, title, totalFen: dto.totalFen, fundCode: fund?.code ?? null, lineCount: lines.length, tiers: dto.tiers ?? [] },
      });
      return row;
    });
    return toDisbursementPlanView(plan, await this.repository.lines(plan.id), fund?.code ?? null);
  }

  async approve(id: string, actor: StaffPrincipal) {
    const plan = await this.dataSource.transaction(async (m) => {
      const found = await this.repository.find(id, m, true);
      if (!found) throw new DomainError('PLAN_NOT_FOUND', '拨付计划不存在');
      if (found.status === 'approved') throw new DomainError('PLAN_ALREADY_APPROVED', '该拨付计划已审批');
      await this.repository.approve(m, id, actor.id);
      await this.audit.record(m, actor, {
        action: 'disbursement_plan.approve',
        entity: 'disbursement_plan',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'approved' },
      });
      return (await this.repository.find(id, m))!;
    });
    return toDisbursementPlanView(plan, await this.repository.lines(id), await this.fundCode(plan));
  }

  /** Pays one line: a disbursement to its recipient for its amount, and the line marked paid, together. */
  async payLine(id: string, lineNo: number, dto: PayPlanLineDto, actor: StaffPrincipal, proof?: { bytes: Buffer; personalData: boolean }) {
    const plan = await this.repository.find(id);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', '拨付计划不存在');
    if (plan.status !== 'approved') throw new DomainError('PLAN_NOT_APPROVED', '拨付计划尚未审批，不能拨付');
    const [line] = Number.isSafeInteger(lineNo) && lineNo >= 1 ? await this.repository.lines(id, undefined, lineNo) : [];
    if (!line) throw new DomainError('PLAN_NOT_FOUND', `拨付计划没有第 ${lineNo} 行`);
    const code = await this.repository.campaignCode(plan.campaignId);
    const fundCode = await this.fundCode(plan);
    return this.disbursements.create(
      {
        campaignCode: code,
        amountFen: line.amountFen,
        recipient: line.recipient,
        purpose: line.purpose,
        date: dto.date,
        ...(fundCode ? { fundCode } : {}),
        ...(dto.bankReference ? { bankReference: dto.bankReference } : {}),
        // A plan's payment is always checked: beyond what was received only when confirmed.
        confirmExceeding: dto.confirmExceeding === true,
      },
      actor,
      {
        proof,
        inTransaction: async (m, disbursementId) => {
          const [locked] = await this.repository.lines(id, m, lineNo, true);
          if (locked.disbursementId) throw new DomainError('PLAN_LINE_PAID', `第 ${lineNo} 行已拨付`);
          await this.repository.markPaid(m, id, lineNo, disbursementId);
        },
      },
    );
  }

  async get(id: string): Promise<DisbursementPlanView> {
    const plan = await this.repository.find(id);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', '拨付计划不存在');
    return toDisbursementPlanView(plan, await this.repository.lines(id), await this.fundCode(plan));
  }

  /** Every plan of a campaign, drafts included, for staff. */
  async listForStaff(code: string): Promise<DisbursementPlanListView> {
    const campaign = await this.campaigns.findByCode(code);
    const items: DisbursementPlanView[] = [];
    for (const plan of await this.repository.forCampaign(campaign.id))
      items.push(toDisbursementPlanView(plan, await this.repository.lines(plan.id), await this.fundCode(plan)));
    return { items };
  }

  /** The approved plans of a campaign, with every recipient unit and what it got (public). */
  async listPublic(code: string): Promise<DisbursementPlanListView> {
    const campaign = await this.campaigns.findByCode(code);
    const plans = (await this.repository.forCampaign(campaign.id)).filter((p) => p.status === 'approved');
    const items: DisbursementPlanView[] = [];
    for (const plan of plans) items.push(toDisbursementPlanView(plan, await this.repository.lines(plan.id), await this.fundCode(plan)));
    return { items };
  }

  private async fundCode(plan: PlanRow): Promise<string | null> {
    return plan.fundId ? this.repository.fundCode(plan.fundId) : null;
  }
}

/** The plan's tiers by name; a name given twice is refused. */
function tierMap(tiers: PlanTierDto[] | undefined): PlanTiers {
  const map = new Map<string, number>();
  for (const tier of tiers ?? []) {
    const name = cleanText(tier.name);
    if (!name) throw new DomainError('VALIDATION_FAILED', '档次名称不能为空');
    if (map.has(name)) throw new DomainError('VALIDATION_FAILED', `档次“${name}”重复`);
    map.set(name, tier.amountFen);
  }
  return map;
}
