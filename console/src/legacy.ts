// Transition only: `window.Staff` for the screens not yet moved to TypeScript (templates/assets/staff-*.js,
// loaded after this bundle, in the order of src/console/console.controller.ts). It is the shell object itself
// (shell.ts) with the core's functions on it, under the names staff-core.js gave them, so those files keep
// working unchanged. Once the last IIFE file is moved, this file goes.
import { ApiError, errorText, onUnauthorized, refused, request } from './api';
import { alert, badge, busy, clear, facts, field, fill, h, jobProgress, table, toast } from './dom';
import { exportButtons, fetchBlob, fetchFile, saveBlob, upload } from './files';
import { CHANNEL, link, parseRoute, parseYuan, ROLE_LABELS, roleLabel, STATUS, time, yuan } from './format';
import { campaignSelect, followJob, jobRunning, recentJobs } from './jobs';
import { AUDIT_ACTIONS } from './screens/audit-labels';
import { authHeader, saveSession, session } from './session';
import { campaigns, canFinance, clearSession, isAdmin, register, shell, type Shell } from './shell';

declare global {
  interface Window {
    Staff: Shell;
  }
}

export function installLegacyGlobal(win: Window): Shell {
  onUnauthorized((message) => shell.onSignedOut(message));
  Object.assign(shell, {
    ROLE_LABELS,
    STATUS,
    CHANNEL,
    ApiError,
    session: () => session(),
    saveSession: (token: string, expiresIn?: number | null) => saveSession(token, expiresIn),
    clearSession,
    authHeader,
    refused,
    api: (method: string, path: string, body?: unknown) => request(method, path, body),
    campaigns,
    canFinance,
    isAdmin,
    roleLabel,
    yuan,
    parseYuan,
    time,
    h,
    clear,
    fill,
    facts,
    badge,
    errorText,
    alert,
    toast,
    campaignSelect: (name: string, any?: boolean, selected?: string) => campaignSelect(campaigns, name, any, selected),
    field,
    busy,
    table,
    route: () => parseRoute(location.hash),
    link,
    register,
    followJob,
    recentJobs,
    jobRunning,
    jobProgress,
    fetchBlob,
    fetchFile,
    saveBlob,
    exportButtons,
    upload,
    // The audit log's action labels (screens/audit-labels.ts), read by test/staff-campaigns-console.e2e-spec.ts.
    AUDIT_ACTIONS,
  });
  win.Staff = shell;
  return shell;
}
