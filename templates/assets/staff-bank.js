// Staff console: bank transfers — record one, or import a bank statement (CSV / XLSX).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var PREVIEW_LINES = 8;
  var MAX_BYTES = 20 * 1024 * 1024;

  /** The first lines of a CSV, split into cells (quotes understood), for the preview only. */
  function csvPreview(text) {
    var rows = [];
    var row = [];
    var cell = '';
    var quoted = false;
    for (var i = 0; i < text.length && rows.length <= PREVIEW_LINES; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else cell += c;
    }
    if ((cell || row.length) && rows.length <= PREVIEW_LINES) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  function decode(buffer) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
    } catch (e) {
      return new TextDecoder('gbk').decode(buffer); // statements saved by Excel on Chinese Windows
    }
  }

  function recordForm(onRecorded) {
    var message = h('div', { className: 'form-message' });
    var form = h(
      'form',
      { id: 'transfer-form', className: 'grid-form', novalidate: true },
      Staff.field('活动', Staff.campaignSelect('campaignCode', false)),
      Staff.field(
        '银行流水号',
        h('input', { name: 'bankReference', required: true, maxlength: 64, autocomplete: 'off', placeholder: '例如 BOC20200201-000123' }),
      ),
      Staff.field('金额（元）', h('input', { name: 'amountYuan', required: true, inputmode: 'decimal', autocomplete: 'off', placeholder: '例如 5000.00' })),
      Staff.field('付款人', h('input', { name: 'payerName', required: true, maxlength: 100 })),
      Staff.field(
        '到账时间（北京时间）',
        h('input', { name: 'receivedAt', type: 'datetime-local', required: true, value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16) }),
      ),
      Staff.field('付款账号（选填）', h('input', { name: 'payerAccount', maxlength: 40, autocomplete: 'off' }), '加密保存，页面上只显示脱敏后的号码'),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记到账')),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      var amountFen = Staff.parseYuan(f.amountYuan.value);
      var problems = [];
      if (!f.campaignCode.value) problems.push('请选择活动');
      if (!/^[\x21-\x7E]{1,64}$/.test(f.bankReference.value.trim())) problems.push('银行流水号须为 1-64 位字母、数字或符号，不含空格');
      if (amountFen === null || amountFen < 1) problems.push('金额须为大于 0 的元金额，最多两位小数');
      if (!f.payerName.value.trim()) problems.push('请填写付款人');
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(f.receivedAt.value)) problems.push('请填写到账时间');
      if (problems.length) return Staff.fill(message, Staff.alert(problems.join('；') + '。'));
      var body = {
        campaignCode: f.campaignCode.value,
        bankReference: f.bankReference.value.trim(),
        amountFen: amountFen,
        payerName: f.payerName.value.trim(),
        receivedAt: f.receivedAt.value.slice(0, 16) + ':00+08:00',
      };
      if (f.payerAccount.value.trim()) body.payerAccount = f.payerAccount.value.trim();
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('POST', '/api/staff/bank-transfers', body).then(
          function (res) {
            Staff.fill(message, Staff.alert('已登记：订单号 ' + res.orderNo + '，' + Staff.yuan(res.amountFen) + '，已计入活动总额。', 'ok'));
            f.bankReference.value = '';
            f.amountYuan.value = '';
            f.payerName.value = '';
            f.payerAccount.value = '';
            onRecorded();
          },
          function (error) {
            Staff.fill(message, Staff.alert(Staff.errorText(error)));
          },
        );
      });
    });
    return h('section', { className: 'panel' }, h('h2', null, '登记一笔银行转账'), form, message);
  }

  // The import being followed, kept for this tab: a reload (or a trip to another screen) picks it
  // up again. The import itself runs on the server; closing the browser loses nothing.
  var JOB_KEY = 'wennuan.staff.importJob';
  var POLL_MS = 700;

  function savedJob() {
    try {
      var job = JSON.parse(sessionStorage.getItem(JOB_KEY) || 'null');
      return job && typeof job.jobId === 'string' ? job : null;
    } catch (e) {
      return null;
    }
  }

  function importForm(onImported) {
    var preview = h('div', { className: 'preview', id: 'import-preview' });
    var progress = h('progress', { max: 100, value: 0, hidden: true, id: 'import-progress' });
    var progressText = h('span', { className: 'muted', id: 'import-progress-text', role: 'status' });
    var result = h('div', { id: 'import-result' });
    var submit = h('button', { type: 'submit', className: 'btn btn-primary', id: 'import-submit' }, '开始导入');
    var file = h('input', {
      type: 'file',
      name: 'file',
      accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      required: true,
      id: 'statement-file',
    });
    var mappingSelect = h('select', { name: 'mappingId', id: 'import-mapping' });
    var form = h(
      'form',
      { id: 'import-form', className: 'grid-form', novalidate: true },
      Staff.field('活动', Staff.campaignSelect('campaignCode', false)),
      Staff.field(
        '银行流水文件（CSV 或 XLSX）',
        file,
        '直接上传工商银行、中国银行、建设银行、农业银行网银导出的明细（表头上方的账户信息、下方的合计行会自动跳过，支出行不导入），或按模板整理；同一文件重复导入不会重复记账',
      ),
      Staff.field('列映射', mappingSelect, '其他银行的格式：先在下方“保存列映射”中对应一次各列，以后上传时选用'),
      h('div', { className: 'form-actions' }, submit, progress, progressText, templateButtons()),
    );
    var mappings = mappingEditor(function (saved) {
      loadMappings(mappingSelect, saved && saved.id);
    });
    loadMappings(mappingSelect, null);

    file.addEventListener('change', function () {
      Staff.clear(result);
      var f = file.files && file.files[0];
      if (!f) return Staff.clear(preview);
      if (/\.xlsx$/i.test(f.name)) {
        return Staff.fill(
          preview,
          h('p', { className: 'muted' }, 'Excel 文件 ' + f.name + '（' + Math.ceil(f.size / 1024) + ' KB），上传后由服务器逐行检查。'),
        );
      }
      f.slice(0, 64 * 1024)
        .arrayBuffer()
        .then(function (buffer) {
          var rows = csvPreview(decode(buffer));
          mappings.suggest(rows);
          if (!rows.length) return Staff.fill(preview, Staff.alert('文件是空的。'));
          // Banks print the account and period above the header: the header is the fullest of the first rows.
          var filled = function (r) {
            return r.filter(function (c) {
              return c.trim() !== '';
            }).length;
          };
          var at = 0;
          rows.forEach(function (r, i) {
            if (filled(r) > filled(rows[at])) at = i;
          });
          var head = rows[at];
          var body = rows.slice(at + 1);
          Staff.fill(
            preview,
            h('p', { className: 'muted' }, '预览 ' + f.name + ' 表头（第 ' + (at + 1) + ' 行）下的前 ' + body.length + ' 行（以服务器检查结果为准）：'),
            Staff.table(
              ['行'].concat(head),
              body
                .map(function (r, i) {
                  if (!filled(r)) return null;
                  return h(
                    'tr',
                    null,
                    h('td', { className: 'num' }, String(at + i + 2)),
                    head.map(function (_, j) {
                      return h('td', null, r[j] || '');
                    }),
                  );
                })
                .filter(Boolean),
            ),
          );
        });
    });

    function setProgress(done, total) {
      progress.hidden = false;
      progress.value = total > 0 ? Math.floor((done * 100) / total) : 0;
    }

    function finished() {
      sessionStorage.removeItem(JOB_KEY);
      submit.disabled = false;
    }

    /** Polls the job until it ends; stops quietly when the user leaves this screen. */
    function follow(job) {
      submit.disabled = true;
      setProgress(0, 0);
      progressText.textContent = '已提交导入任务（' + job.filename + '），正在排队…';
      (function poll() {
        if (!Staff.current() || !document.body.contains(form)) return;
        Staff.api('GET', '/api/staff/jobs/' + encodeURIComponent(job.jobId)).then(
          function (s) {
            if (!document.body.contains(form)) return;
            if (s.state === 'completed') {
              setProgress(1, 1);
              progressText.textContent = '导入完成：共处理 ' + s.progress.total + ' 行。';
              finished();
              showResult(result, s.result || { imported: 0, duplicates: 0, errors: [] });
              onImported();
              return;
            }
            if (s.state === 'failed') {
              progress.hidden = true;
              progressText.textContent = '';
              finished();
              Staff.fill(result, Staff.alert('导入失败：' + (s.failedReason || '未知原因') + '。请检查文件后重新导入（已导入的行不会重复）。'));
              return;
            }
            setProgress(s.progress.done, s.progress.total);
            progressText.textContent =
              s.state === 'waiting'
                ? '导入任务排队中…'
                : '正在导入：已处理 ' + s.progress.done + ' / ' + s.progress.total + ' 行（' + progress.value + '%）。可以离开此页面，导入在服务器上继续。';
            setTimeout(poll, POLL_MS);
          },
          function (error) {
            if (error.status === 404) {
              progress.hidden = true;
              progressText.textContent = '';
              finished();
              Staff.fill(result, Staff.alert('找不到这次导入任务，请在“最近的银行转账”中核对，或重新导入（已导入的行不会重复）。'));
              return;
            }
            if (error.status === 401) return;
            // Network trouble or a busy queue: the job goes on; ask again a little later.
            progressText.textContent = '暂时无法获取导入进度，正在重试…';
            setTimeout(poll, POLL_MS * 3);
          },
        );
      })();
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = file.files && file.files[0];
      var campaign = form.elements.campaignCode.value;
      if (!campaign || !f) return Staff.fill(result, Staff.alert('请选择活动和银行流水文件。'));
      if (f.size > MAX_BYTES) return Staff.fill(result, Staff.alert('文件超过 20 MB，请分批导入。'));
      var data = new FormData();
      data.append('campaignCode', campaign);
      if (mappingSelect.value) data.append('mappingId', mappingSelect.value);
      data.append('file', f, f.name);
      setProgress(0, 1);
      progressText.textContent = '正在上传…';
      resumed.hidden = true;
      Staff.clear(result);
      Staff.busy(submit, function () {
        return Staff.upload('/api/staff/bank-transfers/import-jobs', data, function (loaded, total) {
          progressText.textContent = loaded < total ? '正在上传 ' + Math.round((loaded * 100) / total) + '%' : '上传完成，正在提交导入任务…';
        });
      }).then(
        function (res) {
          var job = { jobId: res.jobId, filename: f.name, campaignCode: campaign };
          sessionStorage.setItem(JOB_KEY, JSON.stringify(job));
          follow(job);
        },
        function (error) {
          progress.hidden = true;
          progressText.textContent = '';
          Staff.fill(result, Staff.alert(Staff.errorText(error)));
        },
      );
    });

    var resumed = h('p', { className: 'muted', id: 'import-resumed', hidden: true });
    var panel = h('section', { className: 'panel' }, h('h2', null, '导入银行流水'), form, resumed, preview, result, mappings.el);
    function resume(job) {
      resumed.textContent = '继续跟踪此前提交的导入：' + job.filename;
      resumed.hidden = false;
      follow(job);
    }
    var pending = savedJob();
    if (pending) {
      setTimeout(function () {
        resume(pending);
      }, 0);
    } else {
      // Another tab, or a browser closed midway: the server still lists this user's running import.
      Staff.recentJobs('import_statement').then(
        function (jobs) {
          var running = jobs.filter(Staff.jobRunning)[0];
          if (running && document.body.contains(form) && !submit.disabled) {
            resume({ jobId: running.jobId, filename: (running.params && running.params.filename) || '银行流水' });
          }
        },
        function () {},
      );
    }
    return panel;
  }

  /** 下载模板: the canonical Chinese headers, as CSV or Excel. */
  function templateButtons() {
    function button(format, label) {
      var b = h('button', { type: 'button', className: 'btn btn-ghost btn-small', id: 'template-' + format }, label);
      b.addEventListener('click', function () {
        Staff.busy(b, function () {
          return Staff.fetchFile('/api/staff/bank-transfers/statement-template.' + format, '银行流水导入模板.' + format).then(function (file) {
            Staff.saveBlob(file.blob, file.filename);
          });
        }).catch(function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });
      return b;
    }
    return h('span', { className: 'export-buttons' }, button('csv', '下载模板 CSV'), button('xlsx', '下载模板 Excel'));
  }

  function loadMappings(select, selectId) {
    return Staff.api('GET', '/api/staff/bank-transfers/mappings').then(
      function (res) {
        Staff.fill(
          select,
          h('option', { value: '' }, '自动识别（四大行网银导出或模板）'),
          (res.items || []).map(function (m) {
            return h('option', { value: m.id, selected: m.id === selectId }, m.name);
          }),
        );
      },
      function () {
        Staff.fill(select, h('option', { value: '' }, '自动识别（四大行网银导出或模板）'));
      },
    );
  }

  // What each column of a statement means; the first four and an amount are needed.
  var MAPPING_FIELDS = [
    ['bankReference', '交易流水号', true],
    ['receivedAt', '交易日期（或日期时间）', true],
    ['receivedTime', '交易时间（日期列不含时间时）', false],
    ['payerName', '对方户名（付款人）', true],
    ['payerAccount', '对方账号', false],
    ['creditAmount', '收入 / 贷方金额', false],
    ['debitAmount', '支出 / 借方金额（有金额的行跳过）', false],
    ['amount', '交易金额（带正负号，无收入列时）', false],
    ['direction', '借贷标志（借/支的行跳过）', false],
    ['fundCode', '基金代码', false],
  ];

  /** 保存列映射: staff name which column of their bank's export holds each field, once. */
  function mappingEditor(onSaved) {
    var message = h('div', { className: 'form-message', id: 'mapping-message' });
    var options = h('datalist', { id: 'mapping-headers' });
    var inputs = {};
    var fields = MAPPING_FIELDS.map(function (f) {
      inputs[f[0]] = h('input', { name: f[0], maxlength: 60, autocomplete: 'off', list: 'mapping-headers', required: f[2], dataset: { field: f[0] } });
      return Staff.field(f[1] + (f[2] ? '' : '（选填）'), inputs[f[0]]);
    });
    var name = h('input', { name: 'mappingName', maxlength: 60, required: true, placeholder: '例如 招商银行企业网银', id: 'mapping-name' });
    var form = h(
      'form',
      { id: 'mapping-form', className: 'grid-form', novalidate: true },
      Staff.field('映射名称', name),
      fields,
      options,
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn', id: 'mapping-save' }, '保存列映射')),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var columns = {};
      MAPPING_FIELDS.forEach(function (f) {
        var v = inputs[f[0]].value.trim();
        if (v) columns[f[0]] = v;
      });
      var problems = [];
      if (!name.value.trim()) problems.push('请填写映射名称');
      MAPPING_FIELDS.forEach(function (f) {
        if (f[2] && !columns[f[0]]) problems.push('请填写“' + f[1] + '”所在列的表头');
      });
      if (!columns.creditAmount && !columns.amount) problems.push('请填写收入金额（或交易金额）所在列的表头');
      if (problems.length) return Staff.fill(message, Staff.alert(problems.join('；') + '。'));
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('POST', '/api/staff/bank-transfers/mappings', { name: name.value.trim(), columns: columns }).then(
          function (saved) {
            Staff.fill(message, Staff.alert('已保存列映射“' + saved.name + '”，已在上方“列映射”中选中。', 'ok'));
            onSaved(saved);
          },
          function (error) {
            Staff.fill(message, Staff.alert(Staff.errorText(error)));
          },
        );
      });
    });
    var el = h(
      'details',
      { className: 'mapping-editor', id: 'mapping-editor' },
      h('summary', null, '保存列映射（其他银行或自定义格式）'),
      h(
        'p',
        { className: 'muted small' },
        '按文件表头填写每一项所在列的名称（选择 CSV 文件后可从下拉提示中选取）。保存后所有同事上传时都可选用；修改与删除均记入审计日志。',
      ),
      form,
      message,
    );
    return {
      el: el,
      /** The cells of the first rows of a chosen CSV, offered as the header names to pick from. */
      suggest: function (rows) {
        var seen = {};
        var cells = [];
        rows.slice(0, 12).forEach(function (r) {
          r.forEach(function (c) {
            c = (c || '').trim();
            if (c && c.length <= 40 && !/\d{6,}/.test(c) && !seen[c]) {
              seen[c] = true;
              cells.push(c);
            }
          });
        });
        Staff.fill(
          options,
          cells.map(function (c) {
            return h('option', { value: c });
          }),
        );
      },
    };
  }

  function showResult(el, res) {
    var errors = res.errors || [];
    Staff.fill(
      el,
      h(
        'div',
        { className: 'stat-row', id: 'import-summary' },
        h(
          'div',
          { className: 'stat stat-ok' },
          h('span', { className: 'stat-value', id: 'import-imported' }, String(res.imported)),
          h('span', { className: 'stat-label' }, '笔已导入'),
        ),
        h(
          'div',
          { className: 'stat' },
          h('span', { className: 'stat-value', id: 'import-duplicates' }, String(res.duplicates)),
          h('span', { className: 'stat-label' }, '笔重复（已登记过，跳过）'),
        ),
        h(
          'div',
          { className: 'stat' },
          h('span', { className: 'stat-value', id: 'import-skipped' }, String(res.skipped || 0)),
          h('span', { className: 'stat-label' }, '行支出或合计（不是捐赠，跳过）'),
        ),
        h(
          'div',
          { className: 'stat' + (errors.length ? ' stat-warn' : '') },
          h('span', { className: 'stat-value', id: 'import-errors' }, String(errors.length)),
          h('span', { className: 'stat-label' }, '行有错误，未导入'),
        ),
      ),
      res.layout ? h('p', { className: 'muted', id: 'import-layout' }, '识别为：' + res.layout.name) : null,
      errors.length
        ? h(
            'div',
            { id: 'import-error-table' },
            h('h3', null, '有问题的行（修改后可重新导入整个文件，已导入的行不会重复）'),
            Staff.table(
              ['行号', '错误代码', '说明'],
              errors.map(function (e) {
                return h(
                  'tr',
                  { dataset: { line: String(e.line) } },
                  h('td', { className: 'num' }, String(e.line)),
                  h('td', { className: 'mono' }, e.code),
                  h('td', { className: 'wrap' }, e.message),
                );
              }),
            ),
          )
        : Staff.alert('所有行均已处理。', 'ok'),
    );
  }

  /** Bank transfers among the latest paid donations; the panel has reload() for after a write. */
  function recentList(params) {
    var list = h('div', null, h('p', { className: 'muted' }, '正在加载…'));
    var picker = Staff.campaignSelect('campaignCode', true, params.campaign);
    picker.addEventListener('change', function () {
      location.hash = Staff.link('bank', { campaign: picker.value });
    });
    var panel = h(
      'section',
      { className: 'panel', id: 'recent-transfers' },
      h('h2', null, '最近的银行转账'),
      h('div', { className: 'toolbar' }, Staff.field('活动', picker)),
      list,
    );
    panel.reload = function () {
      var q = '/api/staff/donations?limit=200&status=paid' + (params.campaign ? '&campaignCode=' + encodeURIComponent(params.campaign) : '');
      return Staff.api('GET', q).then(
        function (res) {
          var items = (res.items || []).filter(function (d) {
            return d.channel === 'bank_transfer';
          });
          Staff.fill(
            list,
            Staff.table(
              ['订单号', '活动', '银行流水号', '付款人', '金额', '到账时间'],
              items.map(function (d) {
                return h(
                  'tr',
                  null,
                  h('td', { className: 'mono' }, d.orderNo),
                  h('td', null, d.campaignCode),
                  h('td', { className: 'mono' }, d.bankReference),
                  h('td', null, d.donorName),
                  h('td', { className: 'num' }, Staff.yuan(d.amountFen)),
                  h('td', null, Staff.time(d.paidAt)),
                );
              }),
              '最近没有银行转账记录。',
            ),
          );
        },
        function (error) {
          Staff.fill(list, Staff.alert(Staff.errorText(error)));
        },
      );
    };
    panel.reload();
    return panel;
  }

  Staff.register('bank', {
    title: '银行转账',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var canWrite = Staff.canFinance();
      var recent = recentList(params);
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '银行转账'),
          h('p', { className: 'muted' }, canWrite ? '登记单笔转账，或导入银行导出的对账单。以银行流水号去重。' : '只读：可查看已登记的银行转账。'),
        ),
        canWrite ? importForm(recent.reload) : null,
        canWrite ? recordForm(recent.reload) : null,
        recent,
      );
    },
  });
})();
