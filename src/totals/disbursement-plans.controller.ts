import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { DisbursementPlanListView, DisbursementPlanView } from './dto/disbursement-plan.view';
import { RecordedDisbursementView } from './dto/disbursement.view';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { InputValidationPipe } from '../common/input-checks';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementPlansService } from './disbursement-plans.service';
import { CreateDisbursementPlanDto, ImportDisbursementPlanDto, PayPlanLineDto } from './dto/disbursement-plan.dto';
import { PLAN_FILE_MAX_BYTES } from './plan-file.reader';
import { PROOF_FORM, readProofForm } from './disbursement-proof-form';

const validation = new InputValidationPipe();

@ApiTags('totals')
@ApiExtraModels(PayPlanLineDto)
@Controller()
export class DisbursementPlansController {
  constructor(private readonly plans: DisbursementPlansService) {}

  @Post('api/staff/disbursement-plans')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Import a disbursement plan (CSV of recipient units, amounts, purposes); 422 INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND' })
  @ApiCreatedResponse({ type: DisbursementPlanView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND' })
  create(@Body() dto: CreateDisbursementPlanDto, @CurrentStaff() staff: StaffPrincipal): Promise<DisbursementPlanView> {
    return this.plans.create(dto, staff);
  }

  @Post('api/staff/disbursement-plans/import')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['campaignCode', 'title', 'totalFen', 'file'],
      properties: {
        campaignCode: { type: 'string', example: 'warm-wuhan' },
        title: { type: 'string', example: '东城区总工会：17 个街道各 5 万元' },
        totalFen: { type: 'integer', example: 85000000, description: 'the lines must add up to it (else 422 PLAN_TOTAL_MISMATCH)' },
        fundCode: { type: 'string', description: 'the designated fund every line is paid from' },
        tiers: {
          type: 'string',
          example: '[{"name":"小型社区","amountFen":5000000}]',
          description: 'JSON: the plan’s tiers, when lines name one in the column 档次',
        },
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV (UTF-8) or XLSX (first worksheet), header 受助单位,金额（元）,用途 (or recipient,amountYuan,purpose), 档次 (tier) instead of or beside the amount; at most 5 MB and 5,000 lines',
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Import a disbursement plan from a CSV or XLSX file (multipart), checked before parsing (ZIP sizes, rows, cells) and parsed off the event loop; 201 as the JSON import. 413 PLAN_FILE_TOO_LARGE (a file over 5 MB, a decompression bomb, too many rows or cells), 422 INVALID_PLAN (unreadable, bad lines in details.errors), PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND',
  })
  @ApiCreatedResponse({ type: DisbursementPlanView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 413: 'PLAN_FILE_TOO_LARGE', 422: 'INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND' })
  async importFile(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal): Promise<DisbursementPlanView> {
    const { fields, file } = await readPlanUpload(req);
    const plain: Record<string, unknown> = { ...fields };
    if (typeof fields.totalFen === 'string' && /^\d{1,16}$/.test(fields.totalFen.trim())) plain.totalFen = Number(fields.totalFen.trim());
    if (fields.fundCode === '') delete plain.fundCode;
    if (typeof fields.tiers === 'string' && fields.tiers.trim() !== '') {
      try {
        plain.tiers = JSON.parse(fields.tiers);
      } catch {
        throw new DomainError('VALIDATION_FAILED', '字段 tiers 须为 JSON，例如 [{"name":"小型社区","amountFen":5000000}]');
      }
    } else delete plain.tiers;
    const dto = (await validation.transform(plain, { type: 'body', metatype: ImportDisbursementPlanDto })) as ImportDisbursementPlanDto;
    return this.plans.importFile(dto, file, staff);
  }

  @Get('api/staff/campaigns/:code/disbursement-plans')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every plan of a campaign, drafts included, with its lines (paid, bank reference, proof, confirmed)' })
  @ApiOkResponse({ type: DisbursementPlanListView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  listForStaff(@Param('code') code: string): Promise<DisbursementPlanListView> {
    return this.plans.listForStaff(code);
  }

  @Get('api/staff/disbursement-plans/:id')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiOkResponse({ type: DisbursementPlanView })
  @ApiErrors({ 404: 'PLAN_NOT_FOUND' })
  get(@Param('id') id: string): Promise<DisbursementPlanView> {
    return this.plans.get(id);
  }

  @Post('api/staff/disbursement-plans/:id/approve')
  @Roles('admin')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Approve a plan (admin, audited); 409 PLAN_ALREADY_APPROVED' })
  @ApiOkResponse({ type: DisbursementPlanView })
  @ApiErrors({ 404: 'PLAN_NOT_FOUND', 409: 'PLAN_ALREADY_APPROVED' })
  approve(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<DisbursementPlanView> {
    return this.plans.approve(id, staff);
  }

  @Post('api/staff/disbursement-plans/:id/lines/:lineNo/pay')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PayPlanLineDto) },
        {
          type: 'object',
          required: ['date'],
          properties: {
            date: { type: 'string', example: '2020-02-20' },
            bankReference: { type: 'string', example: 'BOC202002200001' },
            confirmExceeding: { type: 'string', enum: ['true', 'false'] },
            ...PROOF_FORM.properties,
          },
        },
      ],
    },
  })
  @ApiOperation({
    summary:
      'Pay one line: a disbursement to its recipient, recorded with its proof: JSON { date, bankReference?, confirmExceeding? }, or multipart with the same fields and the proof in `file` (PDF, PNG or JPEG by content, at most 5 MB; `personalData=true` stores it sealed, not public), all in one transaction. The answer carries confirmUrl (the signed link for the recipient unit) and paymentNoticeUrl. 409 PLAN_NOT_APPROVED, PLAN_LINE_PAID, DUPLICATE_BANK_REFERENCE; 422 INVALID_ATTACHMENT',
  })
  @ApiCreatedResponse({ type: RecordedDisbursementView, description: 'the disbursement that pays the line' })
  @ApiErrors({ 404: 'PLAN_NOT_FOUND', 409: 'PLAN_NOT_APPROVED, PLAN_LINE_PAID', 422: 'DISBURSEMENT_EXCEEDS_RECEIVED, INVALID_ATTACHMENT' })
  async pay(
    @Param('id') id: string,
    @Param('lineNo', ParseIntPipe) lineNo: number,
    @Req() req: FastifyRequest,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<RecordedDisbursementView> {
    let plain: unknown = req.body ?? {};
    let proof: { bytes: Buffer; personalData: boolean } | undefined;
    if (req.isMultipart()) {
      const { file, fields } = await readProofForm(req, false);
      const { personalData, confirmExceeding, ...rest } = fields;
      plain = { ...rest, ...(confirmExceeding !== undefined ? { confirmExceeding: confirmExceeding === 'true' } : {}) };
      if (file) proof = { bytes: file, personalData: personalData === 'true' };
    }
    const dto = (await validation.transform(plain, { type: 'body', metatype: PayPlanLineDto })) as PayPlanLineDto;
    return this.plans.payLine(id, lineNo, dto, staff, proof);
  }

  @Get('api/campaigns/:code/disbursement-plans')
  @ApiOperation({ summary: 'Approved plans with every recipient unit and what it got (逐级公布)' })
  @ApiOkResponse({ type: DisbursementPlanListView, description: 'approved plans only' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  listPublic(@Param('code') code: string): Promise<DisbursementPlanListView> {
    return this.plans.listPublic(code);
  }
}

/** The multipart form of a plan import: text fields and one file in field `file`. */
async function readPlanUpload(req: FastifyRequest): Promise<{ fields: Record<string, string>; file: Buffer }> {
  if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传（字段 campaignCode、title、totalFen 与 file）');
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: PLAN_FILE_MAX_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new DomainError('VALIDATION_FAILED', '只能上传一个计划文件（字段名 file）');
        }
        file = await part.toBuffer();
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new DomainError('PLAN_FILE_TOO_LARGE', `计划文件不能超过 ${PLAN_FILE_MAX_BYTES / 1024 / 1024} MB，且只能上传一个`);
    }
    throw error;
  }
  if (!file || file.length === 0) throw new DomainError('VALIDATION_FAILED', '缺少计划文件（字段 file）');
  return { fields, file };
}
