// Staff console, part 2: files — uploads with progress, downloads behind the token, exports (and the exports screen).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var authHeader = Staff.authHeader;
  var refused = Staff.refused;

  /** A file behind the bearer token (PDF, screenshot), as a Blob. */
  Staff.fetchBlob = function (path) {
    return fetch(path, { headers: authHeader(), cache: 'no-store' }).then(
      function (res) {
        if (res.ok) return res.blob();
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (json) {
            throw refused(res.status, json);
          });
      },
      function () {
        throw new Staff.ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
      },
    );
  };

  /** A download behind the bearer token: the Blob and the file name the server gave it. */
  Staff.fetchFile = function (path, fallbackName) {
    return fetch(path, { headers: authHeader(), cache: 'no-store' }).then(
      function (res) {
        if (!res.ok) {
          return res
            .json()
            .catch(function () {
              return null;
            })
            .then(function (json) {
              throw refused(res.status, json);
            });
        }
        var disposition = res.headers.get('Content-Disposition') || '';
        var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition) || /filename="([^"]+)"/i.exec(disposition);
        var name = m ? decodeURIComponent(m[1]) : fallbackName;
        return res.blob().then(function (blob) {
          return { blob: blob, filename: name };
        });
      },
      function () {
        throw new Staff.ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
      },
    );
  };

  /**
   * "导出 CSV" and "导出 Excel" buttons for /api/staff/exports/<kind>.csv|xlsx; `query()` gives the
   * filters at the moment of the click (campaignCode, status). Exports are audited by the server.
   */
  Staff.exportButtons = function (kind, query) {
    function button(format, label) {
      var b = h('button', { type: 'button', className: 'btn btn-ghost btn-small export-' + format, dataset: { export: kind + '.' + format } }, label);
      b.addEventListener('click', function () {
        var q = query() || {};
        var params = Object.keys(q)
          .filter(function (k) {
            return q[k];
          })
          .map(function (k) {
            return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]);
          })
          .join('&');
        Staff.busy(b, function () {
          return Staff.fetchFile('/api/staff/exports/' + kind + '.' + format + (params ? '?' + params : ''), kind + '.' + format).then(function (file) {
            Staff.saveBlob(file.blob, file.filename);
          });
        }).catch(function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });
      return b;
    }
    return h('span', { className: 'export-buttons' }, button('csv', '导出 CSV'), button('xlsx', '导出 Excel'));
  };

  /** Multipart upload with upload progress (fetch cannot report it). */
  Staff.upload = function (path, form, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      var auth = authHeader();
      if (auth.Authorization) xhr.setRequestHeader('Authorization', auth.Authorization);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total);
      };
      xhr.onload = function () {
        var json = null;
        try {
          json = JSON.parse(xhr.responseText);
        } catch (e) {
          json = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(json);
        else reject(refused(xhr.status, json));
      };
      xhr.onerror = function () {
        reject(new Staff.ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。'));
      };
      xhr.send(form);
    });
  };

  /** Saves a Blob under a file name through a temporary object URL. */
  Staff.saveBlob = function (blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = h('a', { href: url, download: filename, hidden: true });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  };

  // ---- the exports screen: direct downloads, and export jobs kept for download a while ----
  var KINDS = { donations: '捐赠记录', receipts: '捐赠证明/票据', goods: '物资台账' };
  var STATUSES = {
    donations: [
      ['', '全部状态'],
      ['paid', '已到账'],
      ['pending', '待支付'],
      ['failed', '失败'],
      ['refunded', '已退款'],
    ],
    receipts: [
      ['', '全部状态'],
      ['issued', '已开具'],
      ['voided', '已作废'],
    ],
    goods: [['', '全部记录']],
  };
  var FORMATS = { csv: 'CSV', xlsx: 'Excel' };

  /** Kinds this role may export: goods for warehouse; everything for admin, finance and auditors. */
  function exportKinds() {
    return Staff.me && Staff.me.role === 'warehouse' ? ['goods'] : ['donations', 'receipts', 'goods'];
  }

  function jobState(view) {
    var p = view.progress || { done: 0, total: 0 };
    if (view.state === 'waiting') return '排队中';
    if (view.state === 'active') return '正在生成 ' + p.done + ' / ' + p.total + ' 行';
    if (view.state === 'failed') return '失败：' + (view.failedReason || '未知原因');
    if (view.file && !view.file.available) return '已过保存期限';
    return '已完成（' + ((view.file && view.file.rows) || p.total) + ' 行）';
  }

  function jobRow(view) {
    var params = view.params || {};
    var bar = h('progress', { max: 100, value: 0, className: 'job-bar' });
    var state = h('span', { className: 'job-state', role: 'status' });
    var action = h('td', { className: 'job-action' });
    var row = h(
      'tr',
      { dataset: { jobId: view.jobId } },
      h('td', { className: 'nowrap' }, Staff.time(view.createdAt)),
      h('td', null, KINDS[params.kind] || params.kind || '—'),
      h('td', null, params.campaignCode || '全部活动', params.status ? ' · ' + (Staff.STATUS[params.status] || params.status) : ''),
      h('td', null, FORMATS[params.format] || params.format || ''),
      h('td', null, view.startedBy || ''),
      h('td', null, bar, ' ', state),
      action,
    );
    row.show = function (v) {
      var p = v.progress || { done: 0, total: 0 };
      bar.hidden = !Staff.jobRunning(v);
      bar.value = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 0;
      state.textContent = jobState(v);
      Staff.clear(action);
      if (v.state === 'completed' && v.file && v.file.available) {
        var b = h('button', { type: 'button', className: 'btn btn-primary btn-small export-download' }, '下载');
        b.addEventListener('click', function () {
          Staff.busy(b, function () {
            return Staff.fetchFile(v.file.url, v.file.filename).then(function (file) {
              Staff.saveBlob(file.blob, file.filename);
            });
          }).catch(function (error) {
            Staff.toast(Staff.errorText(error), 'bad');
          });
        });
        action.appendChild(b);
        if (v.file.expiresAt) action.appendChild(h('small', { className: 'muted' }, ' 保留至 ' + Staff.time(v.file.expiresAt)));
      }
    };
    row.show(view);
    return row;
  }

  Staff.register('exports', {
    title: '导出',
    roles: ['finance', 'warehouse', 'auditor'],
    rank: 700,
    render: function (el) {
      var canStart = !!Staff.me && Staff.me.role !== 'auditor';
      var kinds = exportKinds();
      var kind = h(
        'select',
        { name: 'kind', id: 'export-kind' },
        kinds.map(function (k) {
          return h('option', { value: k }, KINDS[k]);
        }),
      );
      var status = h('select', { name: 'status', id: 'export-status' });
      var format = h(
        'select',
        { name: 'format', id: 'export-format' },
        Object.keys(FORMATS).map(function (f) {
          return h('option', { value: f }, FORMATS[f]);
        }),
      );
      var campaign = Staff.campaignSelect('campaignCode', true);
      function fillStatuses() {
        Staff.fill(
          status,
          STATUSES[kind.value].map(function (s) {
            return h('option', { value: s[0] }, s[1]);
          }),
        );
        status.disabled = STATUSES[kind.value].length < 2;
      }
      kind.addEventListener('change', fillStatuses);
      fillStatuses();
      function filters() {
        return { campaignCode: campaign.value || undefined, status: status.value || undefined };
      }

      var start = h('button', { type: 'submit', className: 'btn btn-primary', id: 'export-start' }, '生成导出文件');
      var direct = ['csv', 'xlsx'].map(function (f) {
        var b = h('button', { type: 'button', className: 'btn btn-ghost export-' + f }, f === 'csv' ? '导出 CSV' : '导出 Excel');
        b.addEventListener('click', function () {
          var q = filters();
          var query = Object.keys(q)
            .filter(function (k) {
              return q[k];
            })
            .map(function (k) {
              return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]);
            })
            .join('&');
          Staff.busy(b, function () {
            return Staff.fetchFile('/api/staff/exports/' + kind.value + '.' + f + (query ? '?' + query : ''), kind.value + '.' + f).then(function (file) {
              Staff.saveBlob(file.blob, file.filename);
            });
          }).catch(function (error) {
            Staff.toast(Staff.errorText(error), 'bad');
          });
        });
        return b;
      });
      var message = h('div', { className: 'form-message', id: 'export-message' });
      var form = h(
        'form',
        { id: 'export-form', className: 'grid-form', novalidate: true },
        Staff.field('类型', kind),
        Staff.field('活动', campaign),
        Staff.field('状态', status),
        Staff.field('格式', format, canStart ? '大量记录请用“生成导出文件”：在服务器上生成，可离开页面，稍后在下方下载' : null),
        h('div', { className: 'form-actions' }, canStart ? start : null, direct),
      );
      var body = h('tbody');
      var list = h(
        'div',
        { className: 'table-wrap' },
        h(
          'table',
          { className: 'table', id: 'export-jobs' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['提交时间', '类型', '范围', '格式', '提交人', '状态', ''].map(function (t) {
                return h('th', { scope: 'col' }, t);
              }),
            ),
          ),
          body,
        ),
      );
      var empty = h('p', { className: 'empty', id: 'export-jobs-empty' }, '最近 7 天没有导出任务。');

      function track(view, first) {
        var row = jobRow(view);
        empty.hidden = true;
        if (first) body.insertBefore(row, body.firstChild);
        else body.appendChild(row);
        if (!Staff.jobRunning(view)) return;
        Staff.followJob(view.jobId, {
          shown: function () {
            return document.body.contains(row);
          },
          onUpdate: row.show,
          onEnd: function (v) {
            row.show(v);
            if (v.state === 'completed') Staff.toast('导出文件已生成，可以下载。', 'ok');
          },
        });
      }

      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!canStart) return;
        Staff.clear(message);
        var q = filters();
        Staff.busy(start, function () {
          return Staff.api('POST', '/api/staff/export-jobs', { kind: kind.value, format: format.value, filters: q }).then(function (res) {
            track(
              {
                jobId: res.jobId,
                state: 'waiting',
                progress: { done: 0, total: 0 },
                createdAt: new Date().toISOString(),
                startedBy: Staff.me && Staff.me.email,
                params: { kind: kind.value, format: format.value, campaignCode: q.campaignCode, status: q.status },
              },
              true,
            );
          });
        }).catch(function (error) {
          Staff.fill(message, Staff.alert(Staff.errorText(error)));
        });
      });

      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '导出'),
          h('p', { className: 'muted' }, '导出的文件中姓名、手机号已脱敏；每次导出和下载都记入操作日志。生成的文件过了保存期限会自动删除。'),
        ),
        h('section', { className: 'panel' }, h('h2', null, '导出记录'), form, message),
        h('section', { className: 'panel' }, h('h2', null, canStart ? '我的导出任务' : '导出任务'), list, empty),
      );
      // The user's jobs (all jobs for auditors), running ones followed again after a reload.
      return Staff.recentJobs('export', !canStart).then(function (jobs) {
        if (!Staff.current()) return;
        jobs.forEach(function (v) {
          track(v, false);
        });
        empty.hidden = jobs.length > 0 || body.children.length > 0;
      });
    },
  });
})();
