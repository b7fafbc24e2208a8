// Staff console, part 2: files — uploads with progress, downloads behind the token, exports.
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
          .filter(function (k) { return q[k]; })
          .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]); })
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

})();
