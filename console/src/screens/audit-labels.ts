// The audit log's words: actions, the fields of its before/after snapshots and what an entry is about, and the
// values of a snapshot as staff read them (yuan, Chinese words, Beijing time).
import { CAMPAIGN_STATUS, CHANNEL, roleLabel, STATUS, time, yuan } from '../format';

/** Every action the server audits, in Chinese (test/staff-campaigns-console.e2e-spec.ts checks it covers them all). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'staff.login': '登录',
  'staff.logout': '退出登录',
  'staff.login_locked': '登录被锁定',
  'staff_user.create': '创建账号',
  'staff_user.bootstrap_admin': '创建初始管理员',
  'campaign.create': '创建活动',
  'receipt_request.approve': '批准票据申请',
  'receipt_request.reject': '驳回票据申请',
  'receipt.void': '作废票据',
  'receipt.reissue': '重新开具票据',
  'bank_transfer.record': '登记银行转账',
  'bank_transfer.import': '导入银行流水',
  'bank_transfer.import_job': '提交银行流水导入任务',
  'donation.resolve_flag': '处理异常到账',
  'receipt_request.reveal_personal_data': '查看完整个人信息',
  'receipt.resend': '重发票据邮件',
  'export.donations': '导出捐赠记录',
  'export.receipts': '导出票据',
  'export.goods': '导出物资台账',
  'export.job': '提交导出任务',
  'export.download': '下载导出文件',
  'receipt_request.approve_job': '提交批量批准任务',
  'storage.retention': '按保存期限删除文件',
  'disbursement.create': '登记拨付',
  'staff_user.unlock': '解锁登录',
  'staff_user.disable': '停用账号',
  'staff_user.enable': '启用账号',
  'staff_user.reset_password': '重置密码',
  'staff_user.change_role': '更改角色',
  'staff_user.reset_totp': '重置双重验证',
  'staff.totp_enrolment_started': '开始绑定身份验证器',
  'staff.totp_enabled': '启用双重验证',
  'campaign.update': '修改活动',
  'campaign.close': '结束活动',
  'campaign.fund_add': '添加定向基金',
  'campaign.fund_rename': '修改定向基金名称',
  'donation.hide_message': '隐藏捐赠留言',
  'donation.show_message': '恢复显示捐赠留言',
  'donation.refund_requested': '申请退款',
  'donation.refund_succeeded': '退款成功',
  'donation.refund_failed': '退款失败',
  'reconciliation.resolve': '处理对账差异',
  'disbursement.void': '作废拨付',
  'disbursement.attach': '上传拨付凭证',
  'disbursement.confirm_exceeding': '确认超出到账的拨付',
  'disbursement_plan.create': '登记拨付计划',
  'disbursement_plan.approve': '批准拨付计划',
  'publication.create': '发布公示',
  'receipt_request.create_aggregate': '登记合并开票申请',
  'receipt_request.create_for_goods': '登记物资捐赠票据申请',
  'receipt_request.propose_arrived_transfer': '匹配到账的银行转账',
  'receipt-book.register': '登记纸质票据本',
  'receipt-book.spoil': '作废纸质票据号',
  'receipt-book.close': '核销纸质票据本',
  'receipt.official.paper': '关联纸质捐赠票据',
  'receipt.official.fiscal': '登记电子捐赠票据',
  'receipt.official.platform': '财政平台开具电子票据',
  'receipt.official.retry': '重试财政平台开票',
  'statement_mapping.create': '保存银行流水列映射',
  'statement_mapping.update': '修改银行流水列映射',
  'statement_mapping.delete': '删除银行流水列映射',
  'in_kind_item.create': '新增物资品类',
  'in_kind_donation.pledge': '登记物资认捐',
  'in_kind_donation.edit': '修改物资认捐',
  'in_kind_donation.inspect': '物资验收',
  'in_kind_donation.cancel': '取消物资认捐',
  'in_kind_stock.adjust': '调整库存',
  'distribution.create': '登记物资分发',
};

/** Field names in audit snapshots, as staff read them; a snapshot's fields are listed in this order. */
export const AUDIT_FIELDS: Record<string, string> = {
  status: '状态',
  donationId: '捐赠记录',
  orderNo: '订单号',
  reason: '原因',
  rejectReason: '驳回原因',
  voidReason: '作废原因',
  receiptNo: '票据号',
  amountFen: '金额',
  campaignCode: '活动',
  bankReference: '银行流水号',
  payerName: '付款人',
  filename: '文件名',
  file: '文件',
  bytes: '大小（字节）',
  jobId: '任务编号',
  total: '总数',
  kind: '类型',
  format: '格式',
  role: '角色',
  email: '邮箱',
  name: '姓名',
  fields: '字段',
  imported: '已导入',
  duplicates: '重复跳过',
  errors: '错误行数',
  exportsDeleted: '删除的导出文件',
  statementsDeleted: '删除的银行流水文件',
  exportDays: '导出文件保存天数',
  statementDays: '银行流水保存天数',
  selection: '选择方式',
  disabled: '已停用',
  totpEnabled: '双重验证',
  locked: '登录锁定',
  secondFactor: '双重验证',
  address: '来源地址',
  createdAt: '创建时间',
  id: '编号',
  code: '代码',
  title: '活动名称',
  receiptPrefix: '票据编号前缀',
  goalFen: '目标金额',
  goalYuan: '目标金额（元）',
  receiptThresholdFen: '开票门槛',
  receiptThresholdYuan: '开票门槛（元）',
  autoApproveReceipts: '自动批准票据申请',
  organisation: '开票单位',
  receiptPayee: '票据收款人',
  startsAt: '开始时间',
  endsAt: '结束时间',
  donateUrl: '捐赠链接',
  disclosure: '公开信息',
  disclosureIntervalDays: '信息公开周期（天）',
  funds: '定向基金',
  fundCode: '基金代码',
  fundName: '基金名称',
  organizationName: '募捐组织',
  organizationCreditCode: '统一社会信用代码',
  fundraisingQualification: '公开募捐资格证书',
  filingNumber: '慈善中国备案编号',
  contact: '联系方式',
  note: '说明',
  message: '留言',
  hidden: '已隐藏',
};

/** What an entry is about, as staff read it (the audit filter offers the same list). */
export const AUDIT_ENTITIES: [string, string][] = [
  ['donation', '捐赠'],
  ['receipt', '票据'],
  ['receipt_request', '票据申请'],
  ['receipt-book', '纸质票据本'],
  ['campaign', '活动'],
  ['disbursement', '拨付'],
  ['disbursement_plan', '拨付计划'],
  ['publication', '公示'],
  ['reconciliation_difference', '对账差异'],
  ['statement_mapping', '银行流水列映射'],
  ['in_kind_donation', '物资认捐'],
  ['in_kind_item', '物资品类'],
  ['in_kind_stock', '库存'],
  ['distribution', '物资分发'],
  ['export', '导出'],
  ['staff_user', '工作人员'],
  ['storage', '文件保存'],
];

export const ENTITY_LABELS: Record<string, string> = {};
AUDIT_ENTITIES.forEach((e) => (ENTITY_LABELS[e[0]] = e[1]));

const EXPORT_KINDS: Record<string, string> = { donations: '捐赠记录', receipts: '捐赠证明/票据', goods: '物资台账' };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A value of an audit snapshot (JSON from the server's jsonb columns). */
export type SnapshotValue = string | number | boolean | null | SnapshotValue[] | { [field: string]: SnapshotValue };
export type Snapshot = Record<string, SnapshotValue>;

/** A value of an audit snapshot as staff read it: yuan, Chinese words, Beijing time, labelled fields. */
export function shown(key: string, value: SnapshotValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (/Fen$/.test(key) && typeof value === 'number') return yuan(value);
  if (typeof value === 'string') {
    if (key === 'status' && STATUS[value]) return STATUS[value];
    if (key === 'status' && CAMPAIGN_STATUS[value]) return CAMPAIGN_STATUS[value];
    if (key === 'channel' && CHANNEL[value]) return CHANNEL[value];
    if (key === 'role') return roleLabel(value);
    if (key === 'kind' && EXPORT_KINDS[value]) return EXPORT_KINDS[value];
    if (ISO_TIME.test(value)) return time(value, true);
    return value;
  }
  if (Array.isArray(value)) {
    return (
      value
        .map((v) => {
          // A fund (or any { code, name }) reads as 名称（代码）.
          if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string' && typeof v.code === 'string' && v.name && v.code)
            return `${v.name}（${v.code}）`;
          return typeof v === 'object' ? shown(key, v) : String(v);
        })
        .join('、') || '—'
    );
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    // Labelled fields in the order of AUDIT_FIELDS (PostgreSQL keeps jsonb keys in its own order).
    const order = Object.keys(AUDIT_FIELDS);
    const rank = (k: string): number => {
      const i = order.indexOf(k);
      return i < 0 ? 1e6 : i;
    };
    const text = Object.keys(value)
      .sort((a, b) => rank(a) - rank(b))
      .map((k) => `${AUDIT_FIELDS[k] || k}：${shown(k, value[k])}`)
      .join('；');
    return text.length > 240 ? `${text.slice(0, 237)}…` : text || '—';
  }
  return String(value);
}

/** One field of a change: `before` when it was there and changed, `after` when it is there now. */
export interface ChangeLine {
  field: string;
  label: string;
  before?: string;
  after?: string;
}

/** A change as a list of fields: 状态 待审核 → 开票中; a field only before or only after shows one side. */
export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  // The entry's before/after are JSON objects (typed `unknown` values by the document).
  const b = (before && typeof before === 'object' ? before : {}) as Snapshot;
  const a = (after && typeof after === 'object' ? after : {}) as Snapshot;
  const keys: string[] = [];
  Object.keys(b)
    .concat(Object.keys(a))
    .forEach((k) => {
      if (keys.indexOf(k) < 0) keys.push(k);
    });
  return keys.map((k) => {
    const had = Object.prototype.hasOwnProperty.call(b, k);
    const has = Object.prototype.hasOwnProperty.call(a, k);
    const same = had && has && JSON.stringify(b[k]) === JSON.stringify(a[k]);
    const line: ChangeLine = { field: k, label: AUDIT_FIELDS[k] || k };
    if (had && !same) line.before = shown(k, b[k]);
    if (has) line.after = shown(k, a[k]);
    return line;
  });
}
