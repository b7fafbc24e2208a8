// Generated from openapi.json by `npm run openapi` (scripts/console-api-types.js, openapi-typescript): do not edit.
export interface paths {
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in { email, password, totpCode? } → 200 { accessToken, expiresIn, role, name, secondFactorEnrolmentRequired? }. 401 INVALID_CREDENTIALS for any wrong email/password; 401 ACCOUNT_DISABLED; for an account with a second factor, 401 TOTP_REQUIRED (then send the same body with totpCode) or 401 INVALID_TOTP_CODE; 429 LOGIN_LOCKED (Retry-After) after repeated failures from one client address: another address is not affected. With STAFF_REQUIRE_2FA=true an admin or finance account without a second factor gets a token that only serves enrolment (POST /api/staff/me/totp), shown by secondFactorEnrolmentRequired: true */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: every token of this account stops working at once */
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is signed in: the account, and secondFactorEnrolmentRequired while STAFF_REQUIRE_2FA waits for its enrolment */
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/me/totp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start enrolling a TOTP second factor → 201 { secret, otpauthUrl, qrSvg } (pending until confirmed; a new call replaces the pending secret); already enrolled → 409 TOTP_ALREADY_ENABLED */
    post: operations['SecondFactorController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/me/totp/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm with the code the app shows → 200 { enabled: true, accessToken, expiresIn } (this session continues with the new token; the others end); wrong code → 422 TOTP_CODE_MISMATCH; nothing started → 409 TOTP_NOT_STARTED */
    post: operations['SecondFactorController_confirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Staff accounts (admin, auditor): `locked` when some address is locked out of its sign-in, `totpEnabled` with a second factor */
    get: operations['StaffUsersController_list'];
    put?: never;
    /** Create a staff account (admin); 409 STAFF_EMAIL_TAKEN, 422 WEAK_PASSWORD */
    post: operations['StaffUsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/unlock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Unlock sign-in (admin): every failure count of the account, from every address, starts again → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_unlock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable the account (admin): its sessions end at once; the last active admin → 409 LAST_ADMIN → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_disable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-enable a disabled account (admin) → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_enable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password (admin; at least 10 characters, else 422 WEAK_PASSWORD): sessions end, sign-in locks clear → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_resetPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/role': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the role (admin): sessions end; demoting the last active admin → 409 LAST_ADMIN → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_changeRole'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/users/{id}/totp/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Remove a lost second factor (admin): sessions end; the owner enrols again at next sign-in → 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited */
    post: operations['StaffUsersController_resetSecondFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuditLogController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every campaign, for the console */
    get: operations['CampaignsController_list'];
    put?: never;
    /** Create a campaign (admin); 409 CAMPAIGN_EXISTS when the code is taken */
    post: operations['CampaignsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a campaign (admin, audited with the changed fields): title, goal, dates, receipt settings, disclosure ({ disclosure } replaces it, null clears it); 422 INVALID_CREDIT_CODE, INVALID_CAMPAIGN_DATES, 404 CAMPAIGN_NOT_FOUND */
    patch: operations['CampaignsController_update'];
    trace?: never;
  };
  '/api/staff/campaigns/{code}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End a campaign now (admin, audited campaign.close): no new gifts from then on; an ended one is returned as it is; 404 CAMPAIGN_NOT_FOUND */
    post: operations['CampaignsController_close'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}/funds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a designated fund after the last one (admin, audited); 409 FUND_EXISTS when its code is taken in the campaign */
    post: operations['CampaignsController_addFund'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}/funds/{fundCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a designated fund (admin, audited); its code stays; 422 FUND_NOT_FOUND */
    patch: operations['CampaignsController_renameFund'];
    trace?: never;
  };
  '/api/campaigns/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A campaign: what its pages show (Cache-Control: public, max-age=30) */
    get: operations['CampaignsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/qr.png': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** QR code of PUBLIC_BASE_URL/donate/:code */
    get: operations['CampaignsController_qrPng'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/qr.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CampaignsController_qrSvg'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/donations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a pending cash donation and get payment instructions
     * @description 201 { orderNo, status: "pending", amountFen, claimToken, payment }. `claimToken` (43 URL-safe characters, 256 bits) proves the gift is yours when asking for a receipt (POST /api/receipt-requests); it is shown only here (again on an idempotent replay) and also set as the HttpOnly cookie `wn_claim_<orderNo>`. Never put it in a link. `payment` follows the User-Agent: inside WeChat (MicroMessenger) { tradeType: "JSAPI", jsapi?: { appId, timeStamp, nonceStr, package, signType: "RSA", paySign }, checkoutUrl } (jsapi once the silent OAuth gave the openid, else checkoutUrl gets it first); other phones { tradeType: "H5", checkoutUrl } (WeChat) or { tradeType: "WAP", checkoutUrl, form } (alipay.trade.wap.pay); desktops { tradeType: "NATIVE" | "PRECREATE", codeUrl, checkoutUrl }.
     */
    post: operations['DonationsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/donations/{orderNo}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A donation by its order number (no personal data); rate limited per client address (429 RATE_LIMITED, ORDER_LOOKUP_RATE_LIMIT) */
    get: operations['DonationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/donations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search donations (masked); flagged=true lists amount mismatches and double payments to resolve */
    get: operations['DonationsController_search'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/donations/{orderNo}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a flagged donation (amount mismatch, double payment) resolved, with a note; audited */
    post: operations['DonationsController_resolve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/donations/{orderNo}/message/hide': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hide a donor's message from the public wall (or show it again with hidden: false); audited
     * @description 200 { orderNo, messageHidden, messageHiddenReason }. The wall (GET /api/campaigns/:code/wall, /c/:code) stops showing it at once. 404 ORDER_NOT_FOUND; 422 NO_DONOR_MESSAGE when the gift has no message; 400 VALIDATION_FAILED when hiding without a reason.
     */
    post: operations['DonationsController_hideMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/donations/{orderNo}/refund': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Refund a whole paid donation through its provider (bank transfers: record the return made at the bank); audited
     * @description 200 { status: "succeeded" } when done (donation `refunded`, totals decreased, receipt voided, open receipt requests rejected); 202 { status: "processing" } when the provider confirms later (WeChat Pay REFUND.SUCCESS). 409 NOT_REFUNDABLE (not paid, or already refunded); 422 REFUND_AMOUNT_NOT_FULL; 502 REFUND_REFUSED (the provider said no; nothing changed); 503 REFUND_PROVIDER_UNAVAILABLE (no answer; nothing changed; retrying reuses the refund number).
     */
    post: operations['DonationsController_refund'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/donations/{orderNo}/refunds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The refunds of a donation, newest first */
    get: operations['DonationsController_refundsOf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/payments/sandbox/notify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sandbox payment notification: 200 {ok:true}; 401 INVALID_SIGNATURE; 404 ORDER_NOT_FOUND; 422 AMOUNT_MISMATCH (flagged for staff) */
    post: operations['PaymentsController_sandboxNotify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/payments/wechatpay/notify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * WeChat Pay API v3 notification (Wechatpay-Timestamp/Nonce/Signature/Serial headers, AEAD_AES_256_GCM resource)
     * @description 200 { code: "SUCCESS" } once recorded (WeChat stops retrying); any error answer makes WeChat retry: 401 INVALID_SIGNATURE (bad signature, unknown serial, stale timestamp), 400 INVALID_RESOURCE (cannot decrypt), 404 ORDER_NOT_FOUND, 422 AMOUNT_MISMATCH (flagged for staff).
     */
    post: operations['PaymentsController_wechatpayNotify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/payments/alipay/notify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Alipay asynchronous notification (form, RSA2-signed)
     * @description Plain text `success` once recorded (Alipay stops retrying); any other answer makes Alipay retry: 401 INVALID_SIGNATURE, 404 ORDER_NOT_FOUND, 422 AMOUNT_MISMATCH (flagged for staff).
     */
    post: operations['PaymentsController_alipayNotify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/payments/wechatpay/reconcile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reconcile with WeChat Pay now (also runs daily at 10:30 Beijing time)
     * @description Asks WeChat about every unpaid WeChat order of the last 48 hours and every refund still processing, settling what WeChat reports done; then downloads the trade bill of `billDate` (default yesterday) and compares it with the ledger: paid orders still pending are recovered, unknown payments and different amounts are recorded as reconciliation differences for staff.
     */
    post: operations['PaymentsStaffController_reconcile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/payments/alipay/reconcile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask Alipay (alipay.trade.query) about every unpaid Alipay order of the last 48 hours and settle the paid ones (lost notifications); also runs daily */
    post: operations['PaymentsStaffController_reconcileAlipay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/payments/reconciliation-differences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Differences between providers' statements and the ledger (unknown payments, amounts that differ, payments missing from a statement, unknown refunds), newest first */
    get: operations['PaymentsStaffController_listDifferences'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/payments/reconciliation-differences/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a reconciliation difference handled, with a note; audited */
    post: operations['PaymentsStaffController_resolveDifference'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/totals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public totals: paid cash donations and accepted goods only, equal to the ledger; ETag, max-age=1 */
    get: operations['TotalsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/totals/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Live totals (text/event-stream): the totals JSON at once, then again whenever they change; comment lines as heartbeats. At most MAX_STREAMS_PER_CLIENT open per client address (one more: 429 TOO_MANY_STREAMS with Retry-After); 503 SERVER_BUSY when the process holds its MAX_STREAMS */
    get: operations['TotalsController_stream'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/wall': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Donor wall: newest first, masked names, only donors who agreed; a designated gift carries fundCode/fundName; a gift with a donor message carries `message` (cleaned: no control characters, contact data masked as ***; absent once staff hid it); `fund` filters to one fund (422 FUND_NOT_FOUND); ETag, max-age=2 */
    get: operations['TotalsController_wall'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/daily': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Amount and count per Beijing calendar day, last `days` days (default 30), from the daily counters */
    get: operations['TotalsController_daily'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/disbursements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where the money went, newest first; ETag, max-age=10 */
    get: operations['TotalsController_listDisbursements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/disbursements/{id}/attachment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The proof attached to a disbursement (PDF, PNG or JPEG); ETag is its SHA-256 */
    get: operations['TotalsController_attachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record where money went; counted in disbursedFen (and its fund). 422 FUND_NOT_FOUND; more disbursed than received (campaign or fund): 422 DISBURSEMENT_EXCEEDS_RECEIVED with confirmExceeding: false, recorded as confirmed with true, recorded with exceedsReceived and a warning when absent */
    post: operations['TotalsController_createDisbursement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements/{id}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void a disbursement (a correction, audited): no longer counted, still listed publicly with its reason; 409 DISBURSEMENT_ALREADY_VOIDED, 404 DISBURSEMENT_NOT_FOUND */
    post: operations['TotalsController_voidDisbursement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements/{id}/attachment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The proof of a disbursement for staff, also when it holds personal data (opened from its sealed file) */
    get: operations['TotalsController_staffAttachment'];
    put?: never;
    /** Attach the proof of a disbursement (field `file`: PDF, PNG or JPEG by content, at most 5 MB; 422 INVALID_ATTACHMENT); shown publicly, unless `personalData` is true: then stored sealed (PII cipher) and shown to staff only */
    post: operations['TotalsController_attach'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One disbursement as staff see it: the public fields (exceeding: null | confirmed | pending, confirmation, bankReference) and confirmUrl (the signed link the recipient unit confirms with), paymentNoticeUrl, staffAttachmentUrl; 404 DISBURSEMENT_NOT_FOUND */
    get: operations['TotalsController_getDisbursement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}/disbursements/exceeding-pending': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Live disbursements recorded beyond what was received and not yet confirmed by staff (shown 超出已收款，待确认 publicly) */
    get: operations['TotalsController_pendingExceeding'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements/{id}/confirm-exceeding': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm, after the fact, a disbursement recorded beyond what was received without confirmExceeding (audited): its public mark changes from 待确认 to 已经工作人员确认; 409 EXCEEDING_NOT_PENDING, DISBURSEMENT_ALREADY_VOIDED */
    post: operations['TotalsController_confirmExceeding'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursements/{id}/payment-notice.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Payment notice (拨付通知单, A4 PDF) to send with the transfer: recipient, purpose, amount, bank reference, and the QR code of the signed link where the recipient unit confirms receipt; 409 DISBURSEMENT_ALREADY_VOIDED */
    get: operations['TotalsController_paymentNotice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/poster.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Share poster, print-ready A4 PDF: title, current figures, the donate QR code (figures at most a minute old) */
    get: operations['CampaignPosterController_pdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/poster.png': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The same poster as a 1080-pixel-wide PNG, for phones and WeChat */
    get: operations['CampaignPosterController_png'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursement-plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a disbursement plan (CSV of recipient units, amounts, purposes); 422 INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND */
    post: operations['DisbursementPlansController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursement-plans/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a disbursement plan from a CSV or XLSX file (multipart), checked before parsing (ZIP sizes, rows, cells) and parsed off the event loop; 201 as the JSON import. 413 PLAN_FILE_TOO_LARGE (a file over 5 MB, a decompression bomb, too many rows or cells), 422 INVALID_PLAN (unreadable, bad lines in details.errors), PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND */
    post: operations['DisbursementPlansController_importFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}/disbursement-plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every plan of a campaign, drafts included, with its lines (paid, bank reference, proof, confirmed) */
    get: operations['DisbursementPlansController_listForStaff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursement-plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DisbursementPlansController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursement-plans/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a plan (admin, audited); 409 PLAN_ALREADY_APPROVED */
    post: operations['DisbursementPlansController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/disbursement-plans/{id}/lines/{lineNo}/pay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pay one line: a disbursement to its recipient, recorded with its proof: JSON { date, bankReference?, confirmExceeding? }, or multipart with the same fields and the proof in `file` (PDF, PNG or JPEG by content, at most 5 MB; `personalData=true` stores it sealed, not public), all in one transaction. The answer carries confirmUrl (the signed link for the recipient unit) and paymentNoticeUrl. 409 PLAN_NOT_APPROVED, PLAN_LINE_PAID, DUPLICATE_BANK_REFERENCE; 422 INVALID_ATTACHMENT */
    post: operations['DisbursementPlansController_pay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/disbursement-plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Approved plans with every recipient unit and what it got (逐级公布) */
    get: operations['DisbursementPlansController_listPublic'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/disclosure-schedule': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** When the next publication is due (every disclosureIntervalDays, at most 90; the final account when the campaign ends), and whether it is overdue */
    get: operations['PublicationsController_disclosureSchedule'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/campaigns/{code}/publications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Freeze a snapshot (捐赠数据公示) → 201 { id, asOf, totals, sha256, ... }
     * @description sha256 is the SHA-256 of the CSV bytes; chainSha256 = sha256(manifest), and the manifest holds the figures, the CSV hash and previousChainSha256 (the previous snapshot's chainSha256).
     */
    post: operations['PublicationsController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/publications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Published snapshots, newest first, with their hashes and manifests; ETag, max-age=10 */
    get: operations['PublicationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/publications/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** GET …/publications/:id.csv: the frozen CSV exactly as hashed (immutable) */
    get: operations['PublicationsController_csv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/confirm/payment/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DisbursementConfirmationController_page'];
    put?: never;
    post: operations['DisbursementConfirmationController_submitForm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/disbursements/{id}/confirmation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The recipient unit confirms a cash disbursement arrived (public, the signed link of the payment notice): { s, confirmedBy, receivedAt, amountReceivedFen, note? } → 201 { disbursementId, recipient, amountFen, confirmation } (confirmedBy masked). 404 DISBURSEMENT_NOT_FOUND for a wrong link (as for an unknown id), 409 DISBURSEMENT_ALREADY_CONFIRMED (once only), DISBURSEMENT_ALREADY_VOIDED, 422 INVALID_CONFIRMATION (amount above the disbursement, time before its date) */
    post: operations['DisbursementConfirmationController_confirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/receipt-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask for a donation receipt
     * @description 201 { requestId, status: queued | pending_review }. `queued` only with the donation's claimToken (body, or the wn_claim_<orderNo> cookie) for a paid donation of that amount in a campaign that auto-approves; with `orders` (合并开具, 2-50 gifts, each with its claimToken or cookie): one record for all of them, queued likewise when every token is valid (see `orders` for its refusals); anything else waits for staff (pending_review), and such an answer never depends on the donation named (its amount, status or existence). 422: BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH (valid claim token only); 409 RECEIPT_ALREADY_REQUESTED (valid claim token only: a live request or receipt made with it, or approved by staff); 404 CAMPAIGN_NOT_FOUND.
     */
    post: operations['ReceiptRequestsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/receipt-declines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The donor wants no receipt for a donation (recorded, as the rules ask) → 200 { orderNo, receiptDeclined: true, declinedAt }. Needs the claim token (body or cookie): otherwise 404 ORDER_NOT_FOUND whatever the order; 409 RECEIPT_ALREADY_REQUESTED with a live request. A request made later withdraws the decline (kept on record) */
    post: operations['ReceiptRequestsController_decline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/receipt-requests/{requestId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status of a receipt request: { requestId, status, receiptNo?, rejectReason? } */
    get: operations['ReceiptRequestsController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/receipt-requests/{requestId}/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** E-mail the issued receipt again to the address given in the request (409 RECEIPT_NOT_READY before issue) */
    post: operations['ReceiptRequestsController_resend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/receipts/verify/{receiptNo}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Verify a receipt from its QR code: { valid, receiptNo, status, amountFen, issuedAt, donorName (masked), giftCount (more than 1: 合并开具), official }; 404 RECEIPT_NOT_FOUND */
    get: operations['ReceiptRequestsController_verify'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Receipt requests (personal data masked), oldest first; ?status=pending_review is the review queue */
    get: operations['ReceiptsStaffController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve many matched requests at once: { queued, results: [{ requestId, status } | { requestId, code, message }] } */
    post: operations['ReceiptsStaffController_approveMany'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/approve-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve many requests in the background → 202 { jobId, total }: the listed requestIds, or with { campaignCode, status: "pending_review" } every matched request of the campaign waiting for review. Follow with GET /api/staff/jobs/:jobId (progress { done, total, failed }; result { total, approved, alreadyApproved, failed, errors: [{ requestId, code, message }] }). Each request goes through the single approval: approved requests are left alone, so a second job approves nothing twice. Nothing to approve → 422 NOTHING_TO_APPROVE */
    post: operations['ReceiptsStaffController_approveJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/aggregate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An aggregate receipt (合并开具) for a donor staff verified (e.g. bank transfers) → 201 { requestId, status: "queued", amountFen }: one record listing 2-50 paid gifts of the campaign (one fund). 422 DUPLICATE_ORDER, ORDER_NOT_FOUND (404), AGGREGATE_MIXED_CAMPAIGNS, AGGREGATE_MIXED_FUNDS, DONATION_NOT_PAID, DONATION_REFUNDED, AMOUNT_MISMATCH, BELOW_RECEIPT_THRESHOLD; 409 RECEIPT_ALREADY_REQUESTED (a gift on a live request or record). Audited */
    post: operations['ReceiptsStaffController_aggregate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/{requestId}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve (naming the donation by orderNo when it was not matched) → 202 { status: "queued" }; approving twice is harmless. An aggregate request (合并开具) is approved for the orders it lists (orderNo not allowed), with the checks of POST /api/receipt-requests `orders` */
    post: operations['ReceiptsStaffController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/{requestId}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject with a reason; the reason is e-mailed to the donor */
    post: operations['ReceiptsStaffController_reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/{requestId}/reveal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reveal a request's ID number, phone, e-mail and address in clear (admin, finance); every reveal is in the audit log */
    post: operations['ReceiptsStaffController_reveal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find receipts by campaign, status, number or order number, or part of the name / title; newest first */
    get: operations['ReceiptsStaffController_search'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** E-mail a live receipt to the donor again; audited */
    post: operations['ReceiptsStaffController_resend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind-donations/{id}/receipt-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask for a receipt for received goods (the accepted share of the declared value; at least the campaign threshold) → 201 { requestId, status: "queued", amountFen }. Warehouse (who received the goods) or finance; issued through the same numbering as cash */
    post: operations['ReceiptsStaffController_goodsReceipt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-requests/{requestId}/screenshot': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The payment screenshot uploaded with a request (image), for review */
    get: operations['ReceiptsStaffController_screenshot'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A receipt: status, donor, amount, delivery, void and reissue links, official (the 公益事业捐赠票据 attached, or null: a 捐赠证明); Art. 6 projectCode, payerCreditCode, reviewer (复核人), payee (收款人); aggregate (合并开具) with gifts: [{ orderNo, amountFen, donatedAt }] */
    get: operations['ReceiptsStaffController_details'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The receipt PDF (application/pdf); 409 RECEIPT_NOT_READY while it is being rendered */
    get: operations['ReceiptsStaffController_pdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void a receipt, with a reason; its number stays taken (voided) forever */
    post: operations['ReceiptsStaffController_void'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/reissue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void (if live) and issue a new receipt with a new number, optionally with a corrected name or title */
    post: operations['ReceiptsStaffController_reissue'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-books': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Registered receipt books with their counts, newest first */
    get: operations['OfficialReceiptsStaffController_books'];
    put?: never;
    /** Register a paper receipt book (admin, finance) → 201 { id, code, firstNumber, lastNumber }; 422 INVALID_RECEIPT_BOOK (first > last, more than 10,000); 409 RECEIPT_BOOK_OVERLAP (a range of the same code overlaps) */
    post: operations['OfficialReceiptsStaffController_registerBook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-books/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The book report: { id, code, firstNumber, lastNumber, status, size, used, spoiled, unused, entries: [{ number, state, receiptNo, receiptStatus, reason }], unusedRanges }; used + spoiled + unused = size. A number used by a voided record stays used (receiptStatus "voided") */
    get: operations['OfficialReceiptsStaffController_book'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-books/{id}/spoil': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a spoiled form (作废) with a reason; 422 RECEIPT_NUMBER_OUTSIDE_BOOK, 409 RECEIPT_NUMBER_USED */
    post: operations['OfficialReceiptsStaffController_spoil'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-books/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close a book (核旧) once every number is used or spoiled; 409 RECEIPT_BOOK_HAS_UNUSED otherwise */
    post: operations['OfficialReceiptsStaffController_close'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/paper': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Attach a paper receipt number → 200 { receiptNo, official }; without `number` the lowest unused number of the book. 422 RECEIPT_NUMBER_OUTSIDE_BOOK, 409 RECEIPT_NUMBER_USED, 409 OFFICIAL_RECEIPT_EXISTS, 409 RECEIPT_VOIDED, 409 RECEIPT_BOOK_EXHAUSTED. The PDF is rendered again as a 捐赠票据 and mailed */
    post: operations['OfficialReceiptsStaffController_paper'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/fiscal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enter the electronic receipt issued in the 财政电子票据 portal → 200 { receiptNo, official: { kind: "fiscal", … } }; 409 RECEIPT_NUMBER_USED, 409 OFFICIAL_RECEIPT_EXISTS, 409 RECEIPT_VOIDED */
    post: operations['OfficialReceiptsStaffController_fiscal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/fiscal/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the 财政电子票据 platform again for a record whose request is pending or was refused → 202 { status: "queued" }; 409 FISCAL_PLATFORM_OFF */
    post: operations['OfficialReceiptsStaffController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/form': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The record in the field order of the official form (Art. 6: 交款人, 统一社会信用代码, 项目编码, 项目名称, 金额, 开票日期, 备注, 开票单位, 复核人, 收款人) → { receiptNo, status, official, fields: [{ key, label, value }] }, to print onto a paper 票据 or key into the portal */
    get: operations['OfficialReceiptsStaffController_form'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipt-declines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Donations whose donor said they want no receipt: { items: [{ orderNo, campaignCode, amountFen, declinedAt, withdrawnAt }] } */
    get: operations['OfficialReceiptsStaffController_declines'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/receipts/{receiptNo}/official-file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The official receipt's file (the platform's PDF or OFD), when there is one */
    get: operations['OfficialReceiptsStaffController_officialFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/donations/{orderNo}/receipt.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The receipt PDF of a gift, for whoever holds the gift's claim token
     * @description application/pdf (attachment) of the live receipt listing this gift (alone or combined, 合并开具). 403 CLAIM_TOKEN_REQUIRED without a token; 403 CLAIM_TOKEN_INVALID for a wrong token or an unknown order (the same answer, so nothing is told about others’ orders); 404 RECEIPT_NOT_FOUND when the gift has no issued receipt; 409 RECEIPT_NOT_READY while its PDF is being rendered. Rate limited with the order look-ups.
     */
    get: operations['DonorReceiptsController_receiptByClaim'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/my-donations/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * 查询我的捐赠: mail a one-time link to an address given in receipt requests
     * @description 202 { status: "accepted", message } whether or not the address is known (nothing can be learnt by asking). When it is, a link to /my/link/<token> is mailed: signed, valid 30 minutes, single use; at most 3 links per address and hour. 422 INVALID_EMAIL for a malformed address.
     */
    post: operations['DonorReceiptsController_requestLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/my-donations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The receipt requests of the address whose one-time link this browser opened (cookie wn_my)
     * @description { items: [ { requestId, status, campaignTitle, amountFen, name (masked), orderNos, receiptNo?, downloadUrl? } ] }; 403 LOOKUP_SESSION_REQUIRED without a session.
     */
    get: operations['DonorReceiptsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/my-donations/receipts/{receiptNo}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A receipt PDF of the address whose one-time link this browser opened (cookie wn_my)
     * @description 403 LOOKUP_SESSION_REQUIRED without a session; 404 RECEIPT_NOT_FOUND for a receipt not requested with that address.
     */
    get: operations['DonorReceiptsController_receiptByEmail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record one bank transfer as a paid donation → 201 { orderNo, status: "paid", ... }; a recorded bankReference → 409 DUPLICATE_BANK_REFERENCE */
    post: operations['BankTransfersController_record'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a bank statement → 200 { imported, duplicates, skipped (debit and summary rows), layout: { code, name }, errors: [ { line, code, message } ] } (messages in Chinese, naming the row and column); the same file twice imports nothing new */
    post: operations['BankTransfersController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/statement-template.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The statement template as CSV (UTF-8 with BOM): the canonical Chinese headers 交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码 */
    get: operations['BankTransfersController_templateCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/statement-template.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The statement template as XLSX: the same headers (text columns), and a sheet 填写说明 explaining each */
    get: operations['BankTransfersController_templateXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/import-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a bank statement in the background → 202 { jobId }; follow it with GET /api/staff/jobs/:jobId (progress { done, total } in lines, then result { imported, duplicates, skipped (debit and summary rows), layout: { code, name }, errors: [ { line, code, message } ] } (messages in Chinese, naming the row and column)). Unknown campaign → 404 CAMPAIGN_NOT_FOUND */
    post: operations['BankTransfersController_importJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/mappings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Saved statement column mappings → 200 { items: [ { id, name, columns, createdAt, updatedAt } ] } */
    get: operations['StatementMappingsController_list'];
    put?: never;
    /** Save a column mapping { name, columns: { bankReference, receivedAt, payerName, creditAmount | amount, … } } (header texts) → 201 mapping; a name taken → 409 STATEMENT_MAPPING_EXISTS; audited */
    post: operations['StatementMappingsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/bank-transfers/mappings/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Change a mapping → 200 mapping; unknown → 404 STATEMENT_MAPPING_NOT_FOUND; audited (before and after) */
    put: operations['StatementMappingsController_update'];
    post?: never;
    /** Delete a mapping → 200 { ok: true }; imports already asked for keep the columns they were given; audited */
    delete: operations['StatementMappingsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent background jobs (7 days, newest first), by default the caller's own, so a page can reattach to a job after a reload → { items: [{ jobId, kind, params, startedBy, state: waiting|active|completed|failed, progress: { done, total, failed? }, result?, failedReason?, file?: { url, filename, rows, bytes, expiresAt, available } }] } */
    get: operations['JobsController_recent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/jobs/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A background job (statement import, mass approval, export) → { jobId, kind, params, startedBy, state: waiting|active|completed|failed, progress: { done, total, failed? }, result?, failedReason?, file?: { url, filename, rows, bytes, expiresAt, available } }; unknown → 404 JOB_NOT_FOUND; a job of another role's work → 403 */
    get: operations['JobsController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/donations.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Donations as CSV (UTF-8 with BOM, RFC 4180): masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_donationsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/donations.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Donations as XLSX: masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_donationsXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/receipts.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Receipts (issued and voided) as CSV (UTF-8 with BOM, RFC 4180): masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_receiptsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/receipts.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Receipts (issued and voided) as XLSX: masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_receiptsXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/goods.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The goods ledger (pledged lines, inspections, stock movements incl. distributions) as CSV: masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_goodsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/exports/goods.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The goods ledger (pledged lines, inspections, stock movements incl. distributions) as XLSX: masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited */
    get: operations['ExportsController_goodsXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/export-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Write an export in the background → 202 { jobId }: donations and receipts (admin, finance), goods (admin, finance, warehouse); another kind → 403. Follow with GET /api/staff/jobs/:jobId (progress in rows; when done, file: { url, filename, rows, bytes, expiresAt }). Files are deleted after EXPORT_RETENTION_DAYS (default 7) */
    post: operations['ExportJobsController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/export-jobs/{jobId}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download the file an export job wrote (roles that may export its kind, and auditors); audited. 409 EXPORT_NOT_READY before it is written, 410 EXPORT_EXPIRED once deleted */
    get: operations['ExportJobsController_file'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/in-kind/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The catalogue of goods → { items: [ { code, name, category, unit, standard, note } ] } */
    get: operations['InKindCatalogueController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a good to the catalogue (warehouse, admin); a taken code or name → 409 IN_KIND_ITEM_EXISTS */
    post: operations['InKindCatalogueController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind-donations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Pledges of a campaign, newest first, each with its status and what is outstanding per line and in all; filter by status or outstanding=true */
    get: operations['InKindDonationsController_list'];
    put?: never;
    /** Pledge goods → 201 { id, status: "pledged", ... }; counted nowhere until inspected. valuationFen is the declared value of the whole line */
    post: operations['InKindDonationsController_pledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind-donations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One pledge: lines with accepted, rejected and outstanding quantities, inspections, receipt eligibility */
    get: operations['InKindDonationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Edit lines still outstanding (quantity, spec, batch, expiry, valuation) → 200 the pledge; audited. Quantity below what was inspected → 422 QUANTITY_BELOW_INSPECTED; a line fully inspected → 409 NOTHING_OUTSTANDING; a cancelled pledge → 409 PLEDGE_CANCELLED; quantity or value of accepted goods once a receipt was asked for → 409 RECEIPT_ALREADY_REQUESTED */
    patch: operations['InKindDonationsController_edit'];
    trace?: never;
  };
  '/api/staff/in-kind-donations/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel the outstanding remainder with a reason → 200 the pledge; audited. Nothing received yet: status "cancelled"; partly received: stays "received" with nothing outstanding (accepted goods stay in stock). Already cancelled → 409 PLEDGE_CANCELLED; nothing outstanding → 409 NOTHING_OUTSTANDING */
    post: operations['InKindDonationsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind-donations/{id}/inspections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Inspect an arrival → 200 { status: "received", ... }; only accepted goods enter stock and totals. Partial arrivals add up. accepted+rejected over the pledged quantity → 422 INSPECTION_EXCEEDS_PLEDGE; over what is still outstanding (a repeat) → 409 ALREADY_INSPECTED; a cancelled pledge → 409 PLEDGE_CANCELLED */
    post: operations['InKindDonationsController_inspect'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind/stock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Stock per item of a campaign: received (accepted), distributed, adjusted, on hand */
    get: operations['InKindStockController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind/stock/movements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The movements behind the stock of a campaign (optionally one item), newest first: received (with the pledge), distributed (with the recipient), adjusted (with the reason) */
    get: operations['InKindStockController_movements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind/stock/reconciliation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Stock recomputed from its movements and from the inspections, beside the stock stored */
    get: operations['InKindStockController_reconcile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/in-kind/adjustments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Correct stock with a reason (count, damage in store); never below zero (409 INSUFFICIENT_STOCK) */
    post: operations['InKindStockController_adjust'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/distributions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Distributions of a campaign, newest first: who got what */
    get: operations['DistributionsController_list'];
    put?: never;
    /** Hand goods to a recipient → 201; any item short → 409 INSUFFICIENT_STOCK and nothing is taken */
    post: operations['DistributionsController_distribute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/distributions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DistributionsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/distributions/{id}/delivery-note.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Delivery note (A4 PDF): items and quantities, signature lines, QR code of the record */
    get: operations['DistributionsController_deliveryNote'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/confirm/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DeliveryConfirmationController_page'];
    put?: never;
    post: operations['DeliveryConfirmationController_submitForm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/deliveries/{id}/confirmation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The receiving unit confirms a distribution (public, signed link from the delivery note): { s, confirmedBy, receivedAt, quantities: { itemCode: n }, note? } → 201; 404 wrong link, 409 DELIVERY_ALREADY_CONFIRMED, 422 INVALID_CONFIRMATION */
    post: operations['DeliveryConfirmationController_confirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/campaigns/{code}/distributions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Goods distributed, newest first, each with the receiving unit’s confirmation (signer masked) or null */
    get: operations['DeliveryConfirmationController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 200 when PostgreSQL and Redis answer, 503 otherwise (Retry-After: 5) */
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics: HTTP latency, queue depth and age, receipts issued, notification outcomes, process
     * @description Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set (401 UNAUTHENTICATED otherwise); under NODE_ENV=production without METRICS_TOKEN, 404 NOT_FOUND. Open in development and tests when unset.
     */
    get: operations['MetricsController_metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/queue-board/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin only: sets a short-lived HttpOnly cookie for the BullMQ board at /staff/queues, then open that URL */
    post: operations['QueueBoardController_open'];
    /** Admin only: ends the board session in this browser (signing out ends it everywhere) */
    delete: operations['QueueBoardController_close'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    LoginDto: {
      /** @example admin@example.org */
      email: string;
      /** @example correct horse battery staple */
      password: string;
      /**
       * @description The 6-digit code of the account's authenticator app: needed only once the account has a second factor (else 401 TOTP_REQUIRED)
       * @example 492039
       */
      totpCode?: string;
    };
    LoginView: {
      /** @description send as Authorization: Bearer <accessToken> */
      accessToken: string;
      /**
       * @description seconds until it expires
       * @example 28800
       */
      expiresIn: number;
      /** @enum {string} */
      role: 'admin' | 'finance' | 'warehouse' | 'auditor';
      /** @example 王会计 */
      name: string;
      /**
       * @description STAFF_REQUIRE_2FA without a second factor yet: the token only serves enrolment
       * @enum {boolean}
       */
      secondFactorEnrolmentRequired?: true;
    };
    ErrorView: {
      /**
       * @description the HTTP status, repeated
       * @example 422
       */
      statusCode: number;
      /**
       * @description stable machine code (src/common/errors.ts)
       * @example BELOW_RECEIPT_THRESHOLD
       * @enum {string}
       */
      code:
        | 'VALIDATION_FAILED'
        | 'MALFORMED_JSON'
        | 'MALFORMED_URL'
        | 'INVALID_RESOURCE'
        | 'INVALID_IDEMPOTENCY_KEY'
        | 'UNAUTHENTICATED'
        | 'INVALID_CREDENTIALS'
        | 'INVALID_SIGNATURE'
        | 'FORBIDDEN'
        | 'NOT_FOUND'
        | 'CAMPAIGN_NOT_FOUND'
        | 'ORDER_NOT_FOUND'
        | 'RECEIPT_NOT_FOUND'
        | 'RECEIPT_REQUEST_NOT_FOUND'
        | 'PUBLICATION_NOT_FOUND'
        | 'DISBURSEMENT_NOT_FOUND'
        | 'JOB_NOT_FOUND'
        | 'CAMPAIGN_EXISTS'
        | 'IDEMPOTENCY_KEY_REUSED'
        | 'IDEMPOTENCY_KEY_IN_USE'
        | 'STAFF_EMAIL_TAKEN'
        | 'DUPLICATE_BANK_REFERENCE'
        | 'RECEIPT_ALREADY_REQUESTED'
        | 'RECEIPT_REQUEST_CLOSED'
        | 'RECEIPT_NOT_READY'
        | 'CLAIM_TOKEN_REQUIRED'
        | 'CLAIM_TOKEN_INVALID'
        | 'LOOKUP_LINK_INVALID'
        | 'LOOKUP_LINK_EXPIRED'
        | 'LOOKUP_LINK_USED'
        | 'LOOKUP_SESSION_REQUIRED'
        | 'NO_DONOR_MESSAGE'
        | 'NOT_FLAGGED'
        | 'NOT_REFUNDABLE'
        | 'REFUND_IN_PROGRESS'
        | 'DIFFERENCE_NOT_FOUND'
        | 'DIFFERENCE_RESOLVED'
        | 'REFUND_AMOUNT_NOT_FULL'
        | 'REFUND_REFUSED'
        | 'PAYLOAD_TOO_LARGE'
        | 'URI_TOO_LONG'
        | 'UNSUPPORTED_MEDIA_TYPE'
        | 'INVALID_AMOUNT'
        | 'AMOUNT_MISMATCH'
        | 'CAMPAIGN_NOT_ACTIVE'
        | 'INVALID_CAMPAIGN_DATES'
        | 'ORDER_NOT_PAYABLE'
        | 'PAYMENT_CHANNEL_DISABLED'
        | 'WECHAT_OPENID_MISMATCH'
        | 'WECHAT_OAUTH_FAILED'
        | 'WECHAT_OAUTH_STATE_MISMATCH'
        | 'ALIPAY_RETURN_UNVERIFIED'
        | 'WEAK_PASSWORD'
        | 'INVALID_PHONE'
        | 'INVALID_EMAIL'
        | 'INVALID_ID_NUMBER'
        | 'INVALID_CREDIT_CODE'
        | 'UNPRINTABLE_CHARACTERS'
        | 'BELOW_RECEIPT_THRESHOLD'
        | 'DONATION_REQUIRED'
        | 'DONATION_NOT_PAID'
        | 'DUPLICATE_ORDER'
        | 'DONATION_REFUNDED'
        | 'AGGREGATE_MIXED_CAMPAIGNS'
        | 'AGGREGATE_MIXED_FUNDS'
        | 'INVALID_SCREENSHOT'
        | 'INVALID_ATTACHMENT'
        | 'INVALID_DATE'
        | 'INVALID_STATEMENT'
        | 'RATE_LIMITED'
        | 'LOGIN_LOCKED'
        | 'IN_KIND_DONATION_NOT_FOUND'
        | 'DISTRIBUTION_NOT_FOUND'
        | 'IN_KIND_ITEM_EXISTS'
        | 'ALREADY_INSPECTED'
        | 'INSUFFICIENT_STOCK'
        | 'PLEDGE_CANCELLED'
        | 'NOTHING_OUTSTANDING'
        | 'UNKNOWN_ITEM'
        | 'DUPLICATE_ITEM'
        | 'INVALID_QUANTITY'
        | 'ITEM_NOT_PLEDGED'
        | 'INSPECTION_EXCEEDS_PLEDGE'
        | 'QUANTITY_BELOW_INSPECTED'
        | 'NOTHING_TO_APPROVE'
        | 'EXPORT_NOT_READY'
        | 'EXPORT_EXPIRED'
        | 'TOO_MANY_STREAMS'
        | 'SERVER_BUSY'
        | 'ACCOUNT_DISABLED'
        | 'TOTP_REQUIRED'
        | 'INVALID_TOTP_CODE'
        | 'TWO_FACTOR_ENROLMENT_REQUIRED'
        | 'STAFF_USER_NOT_FOUND'
        | 'LAST_ADMIN'
        | 'TOTP_ALREADY_ENABLED'
        | 'TOTP_NOT_STARTED'
        | 'TOTP_CODE_MISMATCH'
        | 'STATEMENT_TOO_LARGE'
        | 'STATEMENT_COLUMNS_MISSING'
        | 'STATEMENT_MAPPING_NOT_FOUND'
        | 'STATEMENT_MAPPING_EXISTS'
        | 'MISSING_BANK_REFERENCE'
        | 'INVALID_BANK_REFERENCE'
        | 'MISSING_PAYER_NAME'
        | 'INVALID_PAYER_NAME'
        | 'RECEIPT_BOOK_NOT_FOUND'
        | 'RECEIPT_BOOK_OVERLAP'
        | 'RECEIPT_BOOK_CLOSED'
        | 'RECEIPT_BOOK_HAS_UNUSED'
        | 'RECEIPT_BOOK_EXHAUSTED'
        | 'RECEIPT_NUMBER_USED'
        | 'OFFICIAL_RECEIPT_EXISTS'
        | 'RECEIPT_VOIDED'
        | 'FISCAL_PLATFORM_OFF'
        | 'INVALID_RECEIPT_BOOK'
        | 'RECEIPT_NUMBER_OUTSIDE_BOOK'
        | 'FUND_NOT_FOUND'
        | 'FUND_EXISTS'
        | 'DISBURSEMENT_EXCEEDS_RECEIVED'
        | 'DISBURSEMENT_ALREADY_VOIDED'
        | 'PLAN_NOT_FOUND'
        | 'INVALID_PLAN'
        | 'PLAN_TOTAL_MISMATCH'
        | 'PLAN_NOT_APPROVED'
        | 'PLAN_ALREADY_APPROVED'
        | 'PLAN_LINE_PAID'
        | 'DELIVERY_ALREADY_CONFIRMED'
        | 'INVALID_CONFIRMATION'
        | 'PLAN_FILE_TOO_LARGE'
        | 'DISBURSEMENT_ALREADY_CONFIRMED'
        | 'EXCEEDING_NOT_PENDING'
        | 'INTERNAL_ERROR'
        | 'SERVICE_UNAVAILABLE'
        | 'PAYMENT_PROVIDER_UNAVAILABLE'
        | 'REFUND_PROVIDER_UNAVAILABLE';
      /**
       * @description readable by a donor, in Chinese
       * @example 金额低于开具捐赠票据的最低金额
       */
      message: string;
      /** @description more about the refusal (validation errors, a retry delay, a line number) */
      details?: {
        [key: string]: unknown;
      };
    };
    OkView: {
      /**
       * @example true
       * @enum {boolean}
       */
      ok: true;
    };
    MeView: {
      /** Format: uuid */
      id: string;
      /** @example finance@foundation.example */
      email: string;
      /** @example 王会计 */
      name: string;
      /** @enum {string} */
      role: 'admin' | 'finance' | 'warehouse' | 'auditor';
      disabled: boolean;
      /** @description a TOTP second factor is enrolled */
      totpEnabled: boolean;
      /** @description some address is locked out of this account's sign-in now (an admin can unlock) */
      locked: boolean;
      /** Format: date-time */
      createdAt: string;
      /**
       * @description while STAFF_REQUIRE_2FA waits for the enrolment of a second factor
       * @enum {boolean}
       */
      secondFactorEnrolmentRequired?: true;
    };
    TotpEnrolmentView: {
      /** @description base32 TOTP secret (pending until confirmed) */
      secret: string;
      /** @example otpauth://totp/Wennuan:admin%40example?secret=…&issuer=Wennuan */
      otpauthUrl: string;
      /** @description the QR code of otpauthUrl, an SVG document */
      qrSvg: string;
    };
    TotpCodeDto: {
      /**
       * @description The 6 digits the authenticator app shows now
       * @example 492039
       */
      code: string;
    };
    TotpEnabledView: {
      /** @description send as Authorization: Bearer <accessToken> */
      accessToken: string;
      /**
       * @description seconds until it expires
       * @example 28800
       */
      expiresIn: number;
      /** @enum {boolean} */
      enabled: true;
    };
    CreateStaffUserDto: {
      /** @example finance@example.org */
      email: string;
      /** @description At least 10 characters */
      password: string;
      /** @enum {string} */
      role: 'admin' | 'finance' | 'warehouse' | 'auditor';
      /** @example 李会计 */
      name: string;
    };
    StaffUserView: {
      /** Format: uuid */
      id: string;
      /** @example finance@foundation.example */
      email: string;
      /** @example 王会计 */
      name: string;
      /** @enum {string} */
      role: 'admin' | 'finance' | 'warehouse' | 'auditor';
      disabled: boolean;
      /** @description a TOTP second factor is enrolled */
      totpEnabled: boolean;
      /** @description some address is locked out of this account's sign-in now (an admin can unlock) */
      locked: boolean;
      /** Format: date-time */
      createdAt: string;
    };
    StaffUserListView: {
      items: components['schemas']['StaffUserView'][];
    };
    ResetPasswordDto: {
      /** @description The new password (at least 10 characters), told to its owner in person */
      password: string;
    };
    ChangeRoleDto: {
      /** @enum {string} */
      role: 'admin' | 'finance' | 'warehouse' | 'auditor';
    };
    AuditEntryView: {
      /**
       * @description increasing; page with beforeId
       * @example 1042
       */
      id: string;
      /**
       * Format: uuid
       * @description null: the system (a job, the start-up)
       */
      actorId: string | null;
      actorEmail: string | null;
      /** @example receipt.void */
      action: string;
      /** @example receipt */
      entity: string;
      /** @example WH-2026-00000001 */
      entityId: string | null;
      /** @description the record as it was (personal data masked) */
      before: {
        [key: string]: unknown;
      } | null;
      /** @description the record as it became */
      after: {
        [key: string]: unknown;
      } | null;
      /** @description the staff member's client address */
      ip: string | null;
      /** Format: date-time */
      at: string;
    };
    AuditLogView: {
      /** @description newest first */
      items: components['schemas']['AuditEntryView'][];
      /** @description pass as beforeId for the next page; null on the last */
      nextBeforeId: string | null;
    };
    CampaignDisclosureDto: {
      /**
       * @description the charity organising the fundraising
       * @example 北京市温暖基金会
       */
      organizationName?: string;
      /**
       * @description 统一社会信用代码, checked by GB 32100 (422 INVALID_CREDIT_CODE)
       * @example 53110000500000000G
       */
      organizationCreditCode?: string;
      /**
       * @description 公开募捐资格证书 (its number or wording)
       * @example 京民慈公募〔2017〕第 1 号
       */
      fundraisingQualification?: string;
      /**
       * @description the plan's 备案编号 on 慈善中国
       * @example 53110000500000000G20200001
       */
      filingNumber?: string;
      /**
       * @description a phone or address for questions (public)
       * @example 010-12345678，北京市东城区某街 1 号
       */
      contact?: string;
    };
    CampaignFundDto: {
      /**
       * @description lower-case letters, digits and dashes, unique in the campaign
       * @example medical
       */
      code?: string;
      /** @example 医疗救治 */
      name?: string;
    };
    CreateCampaignDto: {
      /**
       * @description lower-case letters, digits and dashes; used in URLs
       * @example warm-wuhan
       */
      code: string;
      /** @example 温暖武汉 */
      title: string;
      /**
       * @description 2-8 capital letters, the start of every receipt number (`WH-2020-00000001`); fixed once the campaign exists. Numbers run per prefix and year without gaps and are unique across the foundation: campaigns given the same prefix share one series.
       * @example WH
       */
      receiptPrefix: string;
      /**
       * @description fen
       * @example 500000000
       */
      goalFen?: number;
      /**
       * @description fen; gifts of at least this amount may ask for a receipt
       * @default 10000
       * @example 10000
       */
      receiptThresholdFen?: number;
      /** @example 2020-02-01T00:00:00+08:00 */
      startsAt?: string;
      /** @example 2020-12-31T23:59:59+08:00 */
      endsAt?: string;
      /** @default true */
      autoApproveReceipts?: boolean;
      /**
       * @description issuing organisation printed on receipts; defaults to ORGANISATION_NAME
       * @example 北京市温暖基金会
       */
      organisation?: string;
      /**
       * @description 收款人 printed on its receipts (Art. 6 of the 公益事业捐赠票据 rules), e.g. the foundation's cashier; unset: left blank to sign by hand
       * @example 王会计
       */
      receiptPayee?: string;
      /** @description shown on /donate/:code and /c/:code (《慈善组织信息公开办法》) */
      disclosure?: components['schemas']['CampaignDisclosureDto'];
      /** @description designated funds (定向捐赠); codes unique in the campaign */
      funds?: components['schemas']['CampaignFundDto'][];
      /**
       * @description a publication is due at least this often (days; the law asks every three months at most)
       * @default 90
       * @example 90
       */
      disclosureIntervalDays?: number;
    };
    CampaignDisclosureView: {
      /** @example 武汉市慈善总会 */
      organizationName?: string;
      /**
       * @description 统一社会信用代码 (GB 32100)
       * @example 53420100MJH5658770
       */
      organizationCreditCode?: string;
      /** @description 公开募捐资格证书 */
      fundraisingQualification?: string;
      /** @description 慈善中国备案编号 */
      filingNumber?: string;
      /** @description a phone or address for questions */
      contact?: string;
    };
    CampaignFundView: {
      /** @example medical */
      code: string;
      /** @example 医疗物资 */
      name: string;
    };
    CampaignView: {
      /** @example warm-wuhan */
      code: string;
      /** @example 温暖武汉 */
      title: string;
      /**
       * @description integer fen
       * @example 100000000
       */
      goalFen: number | null;
      /** @example 1000000.00 */
      goalYuan: string | null;
      /**
       * @description integer fen: a gift at or above it may get a receipt
       * @example 10000
       */
      receiptThresholdFen: number;
      /** @example 100.00 */
      receiptThresholdYuan: string;
      /**
       * @description receipt numbers are <prefix>-<year>-<8 digits>
       * @example WH
       */
      receiptPrefix: string;
      autoApproveReceipts: boolean;
      /**
       * @description the issuing organisation on receipts
       * @example 温暖基金会
       */
      organisation: string;
      /** @description 收款人 on its receipts */
      receiptPayee: string | null;
      /** Format: date-time */
      startsAt: string | null;
      /** Format: date-time */
      endsAt: string | null;
      /** @enum {string} */
      status: 'upcoming' | 'active' | 'ended';
      /**
       * @description the page its QR code opens
       * @example http://localhost:3000/donate/warm-wuhan
       */
      donateUrl: string;
      disclosure: components['schemas']['CampaignDisclosureView'] | null;
      /**
       * @description how often the campaign publishes its accounts
       * @example 90
       */
      disclosureIntervalDays: number;
      /** @description designated funds (定向捐赠), in order */
      funds: components['schemas']['CampaignFundView'][];
    };
    UpdateCampaignDto: {
      /** @example 温暖武汉 */
      title?: string;
      /**
       * @description fen; gifts of at least this amount may ask for a receipt
       * @default 10000
       * @example 10000
       */
      receiptThresholdFen?: number;
      /**
       * Format: date-time
       * @description null clears it
       * @example 2020-02-01T00:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description null clears it
       * @example 2020-12-31T23:59:59+08:00
       */
      endsAt?: string | null;
      /** @default true */
      autoApproveReceipts?: boolean;
      /**
       * @description the payee printed on receipts; null clears it
       * @example 王会计
       */
      receiptPayee?: string | null;
      /**
       * @description a publication is due at least this often (days; the law asks every three months at most)
       * @default 90
       * @example 90
       */
      disclosureIntervalDays?: number;
      /**
       * @description fen; null: no goal
       * @example 500000000
       */
      goalFen?: number | null;
      /** @description replaces the disclosure; null clears it */
      disclosure?: components['schemas']['CampaignDisclosureDto'] | null;
    };
    RenameCampaignFundDto: {
      /** @example 医疗救治 */
      name: string;
    };
    CampaignListView: {
      items: components['schemas']['CampaignView'][];
    };
    CreateDonationDto: {
      /**
       * @description integer fen (1 to 100000000); out of range → 422 INVALID_AMOUNT
       * @example 10000
       */
      amountFen: number;
      /** @enum {string} */
      channel: 'sandbox' | 'wechatpay' | 'alipay';
      /** @example 张三 */
      donorName?: string;
      /** @default false */
      anonymous?: boolean;
      /**
       * @description consent to appear (masked) on the public donor wall
       * @default false
       */
      showOnWall?: boolean;
      /**
       * @description mainland mobile; encrypted at rest, never shown publicly
       * @example 13800138000
       */
      phone?: string;
      message?: string;
      /**
       * @description a designated fund of the campaign (定向捐赠); unknown → 422 FUND_NOT_FOUND
       * @example medical
       */
      fundCode?: string;
    };
    PaymentView: {
      /**
       * @example sandbox
       * @enum {string}
       */
      provider: 'sandbox' | 'wechatpay' | 'alipay' | 'bank_transfer';
      /**
       * @description absent for the sandbox
       * @enum {string}
       */
      tradeType?: 'NATIVE' | 'JSAPI' | 'H5' | 'PRECREATE' | 'WAP';
      /**
       * @description the page that pays (or gets the WeChat openid first)
       * @example http://localhost:3000/pay/sandbox/WN20261202ABCDEF
       */
      checkoutUrl?: string;
      /** @description the QR code text (desktops: WeChat Native, Alipay precreate) */
      codeUrl?: string;
      /** @description WeChat JSAPI bridge parameters { appId, timeStamp, nonceStr, package, signType, paySign } */
      jsapi?: {
        [key: string]: unknown;
      };
      /** @description JSAPI: the prepay_id */
      prepayId?: string;
      /** @description alipay.trade.wap.pay: the form to post { action, method, fields } */
      form?: {
        [key: string]: unknown;
      };
      /** @description when the payment offer ends (ISO-8601) */
      expiresAt?: string;
    };
    CreatedDonationView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /**
       * @example pending
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'failed' | 'refunded';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description an unpaid order expires then
       */
      expiresAt: string | null;
      /** @description secret proof that the gift is yours (43 URL-safe characters); shown only here and on an idempotent replay */
      claimToken?: string;
      payment: components['schemas']['PaymentView'];
    };
    DonationReceiptStatusView: {
      /**
       * @description the donation's latest receipt request
       * @example issued
       * @enum {string}
       */
      status: 'queued' | 'pending_review' | 'issued' | 'rejected' | 'voided';
      /** @example WH-2026-00000001 */
      receiptNo?: string;
    };
    DonationView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /**
       * @example paid
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'failed' | 'refunded';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /**
       * @example sandbox
       * @enum {string}
       */
      channel: 'sandbox' | 'wechatpay' | 'alipay' | 'bank_transfer';
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 温暖武汉 */
      campaignTitle: string;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description once paid
       */
      paidAt?: string;
      /** @description paid and at or above the campaign’s receipt threshold */
      receiptEligible: boolean;
      /** @description absent until a receipt is asked for */
      receipt?: components['schemas']['DonationReceiptStatusView'];
    };
    LatestRefundView: {
      /** @example RF20261202ABCDEFGH */
      refundNo: string;
      /** @enum {string} */
      status: 'processing' | 'succeeded' | 'failed';
      reason: string;
      failureReason: string | null;
    };
    StaffDonationView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** @enum {string} */
      channel: 'sandbox' | 'wechatpay' | 'alipay' | 'bank_transfer';
      /** @enum {string} */
      status: 'pending' | 'paid' | 'failed' | 'refunded';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /**
       * @description masked (张*), or 爱心人士 when anonymous
       * @example 张*
       */
      donorName: string;
      anonymous: boolean;
      showOnWall: boolean;
      /** @description the donor's message (shown to staff even when hidden from the wall) */
      message: string | null;
      messageHidden: boolean;
      messageHiddenReason: string | null;
      /**
       * @description masked (138****8000)
       * @example 138****8000
       */
      phone: string | null;
      bankReference: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      paidAt: string | null;
      /**
       * Format: date-time
       * @description an amount mismatch or a double payment to resolve
       */
      flaggedAt: string | null;
      flagReason: string | null;
      /** @description the latest refund, if any */
      refund: components['schemas']['LatestRefundView'] | null;
    };
    StaffDonationListView: {
      /**
       * @description how many match (items holds at most `limit`)
       * @example 1
       */
      total: number;
      items: components['schemas']['StaffDonationView'][];
    };
    ResolveFlagDto: {
      /**
       * @description how it was handled (kept in the audit log)
       * @example 已原路退款
       */
      note: string;
    };
    DonationFlagView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @enum {boolean} */
      flagged: false;
    };
    HideMessageDto: {
      /** @description why it is hidden (required to hide; kept in the audit log) */
      reason?: string;
      /**
       * @description false shows a hidden message again (default true)
       * @default true
       */
      hidden?: boolean;
    };
    DonationMessageView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @description hidden from the public wall */
      messageHidden: boolean;
      messageHiddenReason: string | null;
    };
    RefundDonationDto: {
      /** @description why the money goes back (shown in the audit log and on the voided receipt) */
      reason: string;
      /** @description the whole amount of the donation, in fen (only full refunds) */
      amountFen?: number;
    };
    RefundView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @example RF20261202ABCDEFGH */
      refundNo: string;
      /**
       * @description processing: the provider confirms later
       * @enum {string}
       */
      status: 'processing' | 'succeeded' | 'failed';
      /**
       * @description integer fen (the whole donation)
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      reason: string;
      /**
       * @description manual: a bank transfer returned by staff at the bank
       * @enum {string}
       */
      provider: 'sandbox' | 'wechatpay' | 'alipay' | 'manual';
      /** @enum {string} */
      donationStatus: 'pending' | 'paid' | 'failed' | 'refunded';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      succeededAt: string | null;
      /** @description the provider's reason when it refused */
      failureReason: string | null;
    };
    RefundListView: {
      /** @description newest first */
      items: components['schemas']['RefundView'][];
    };
    WechatNotifyAnswerView: {
      /** @enum {string} */
      code: 'SUCCESS';
      /** @example 成功 */
      message: string;
    };
    WechatReconcileDto: {
      /** @description the trade bill to compare (YYYY-MM-DD, Beijing); default yesterday */
      billDate?: string;
    };
    StatementResultView: {
      /**
       * Format: date
       * @example 2026-12-01
       */
      billDate: string;
      /** @description lines of the bill */
      lines: number;
      /** @description paid in the bill, pending in the ledger: now paid */
      recovered: string[];
      /** @description new differences recorded for staff */
      differences: number;
    };
    WechatReconcileView: {
      /** @description unpaid orders asked about */
      checked: number;
      /** @description paid at the provider, notification never arrived: now paid in the ledger */
      recovered: string[];
      /** @description paid with another amount: flagged for staff */
      mismatched: string[];
      errors: string[];
      /** @description refunds WeChat reports done whose notification never arrived */
      refundsSettled: string[];
      refundsFailed: string[];
      /** @description the day's bill, when one was fetched */
      statement: components['schemas']['StatementResultView'] | null;
    };
    AlipayReconcileView: {
      /** @description unpaid orders asked about */
      checked: number;
      /** @description paid at the provider, notification never arrived: now paid in the ledger */
      recovered: string[];
      /** @description paid with another amount: flagged for staff */
      mismatched: string[];
      errors: string[];
    };
    ReconciliationDifferenceView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      provider: 'wechatpay' | 'alipay';
      /**
       * Format: date
       * @example 2026-12-01
       */
      statementDate: string;
      /** @enum {string} */
      kind: 'UNKNOWN_ORDER' | 'AMOUNT_MISMATCH' | 'NOT_IN_STATEMENT' | 'UNKNOWN_REFUND';
      orderNo: string | null;
      transactionId: string | null;
      /** @description integer fen */
      ledgerAmountFen: number | null;
      /** @description integer fen */
      providerAmountFen: number | null;
      /** @example 100.00 */
      providerAmountYuan: string | null;
      /** @description what differs, in Chinese */
      detail: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      resolvedAt: string | null;
      resolutionNote: string | null;
    };
    ReconciliationDifferenceListView: {
      /** @description newest first */
      items: components['schemas']['ReconciliationDifferenceView'][];
    };
    ResolveDifferenceDto: {
      /** @description how it was handled (kept in the audit log) */
      note: string;
    };
    InKindTotalsLineView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      /**
       * @description accepted at inspection
       * @example 1000
       */
      receivedQuantity: number;
      /** @example 200 */
      distributedQuantity: number;
    };
    FundTotalsView: {
      /** @example medical */
      code: string;
      /** @example 医疗物资 */
      name: string;
      /**
       * @description integer fen received for this fund
       * @example 500000
       */
      amountFen: number;
      /**
       * @description integer fen disbursed from it (voided ones not counted)
       * @example 100000
       */
      disbursedFen: number;
    };
    TotalsView: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 12 */
      donorCount: number;
      /** @example 15 */
      donationCount: number;
      /**
       * @description integer fen
       * @example 1234500
       */
      amountFen: number;
      /**
       * @description integer fen paid today (Beijing time)
       * @example 10000
       */
      todayAmountFen: number;
      /**
       * @description integer fen
       * @example 100000000
       */
      goalFen: number | null;
      /**
       * @description integer fen
       * @example 0
       */
      disbursedFen: number;
      inKind: components['schemas']['InKindTotalsLineView'][];
      /** @description only when the campaign has designated funds */
      funds?: components['schemas']['FundTotalsView'][];
      /** Format: date-time */
      updatedAt: string;
    };
    WallItemView: {
      /**
       * @description masked (张*), or 爱心人士 when anonymous
       * @example 张*
       */
      name: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** Format: date-time */
      paidAt: string;
      /**
       * @description a designated gift (定向捐赠)
       * @example medical
       */
      fundCode?: string;
      /** @example 医疗物资 */
      fundName?: string;
      /**
       * @description the donor's message, cleaned (contact data masked as ***); absent once staff hid it
       * @example 武汉加油
       */
      message?: string;
    };
    WallView: {
      /** @description newest first, only donors who agreed to be shown */
      items: components['schemas']['WallItemView'][];
    };
    DailyAmountView: {
      /**
       * @description YYYY-MM-DD in Beijing time
       * @example 2026-12-02
       */
      day: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 1 */
      donationCount: number;
    };
    DailyView: {
      /** @description oldest first, one per day, today last */
      items: components['schemas']['DailyAmountView'][];
    };
    PaymentConfirmationView: {
      /**
       * @description masked
       * @example 李*
       */
      confirmedBy: string;
      /** Format: date-time */
      receivedAt: string;
      /**
       * @description integer fen
       * @example 100000
       */
      amountReceivedFen: number;
      /** @example 1000.00 */
      amountReceivedYuan: string;
      note: string | null;
      /** Format: date-time */
      confirmedAt: string;
    };
    DisbursementView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description integer fen
       * @example 100000
       */
      amountFen: number;
      /** @example 1000.00 */
      amountYuan: string;
      /** @example 武汉市第一医院 */
      recipient: string;
      /** @example 采购防护服 */
      purpose: string;
      /**
       * Format: date
       * @example 2026-12-01
       */
      date: string;
      bankReference: string | null;
      /** @description the public proof, if any */
      attachmentUrl: string | null;
      attachmentSha256: string | null;
      /** @description a proof exists but holds personal data: shown to staff only */
      attachmentWithheld: boolean;
      fundCode: string | null;
      fundName: string | null;
      exceedsReceived: boolean;
      confirmedExceeding: boolean;
      /**
       * @description beyond what was received: confirmed by staff, or pending (超出已收款，待确认)
       * @enum {string|null}
       */
      exceeding: 'confirmed' | 'pending' | null;
      confirmation: components['schemas']['PaymentConfirmationView'] | null;
      voided: boolean;
      voidReason: string | null;
      /** Format: date-time */
      voidedAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    DisbursementListView: {
      /** @description newest first */
      items: components['schemas']['DisbursementView'][];
    };
    CreateDisbursementDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description integer fen, positive
       * @example 50000000
       */
      amountFen: number;
      /** @example 武汉市金银潭医院 */
      recipient: string;
      /** @example 一线医护人员慰问 */
      purpose: string;
      /** @example 2020-02-10 */
      date: string;
      /**
       * @description the designated fund paid from; unknown → 422 FUND_NOT_FOUND
       * @example medical
       */
      fundCode?: string;
      /**
       * @description the bank's reference of the transfer that paid it (printable ASCII, 1-64); once among the live disbursements, else 409 DUPLICATE_BANK_REFERENCE
       * @example BOC202002200001
       */
      bankReference?: string;
      /** @description When the fund (or the campaign) would show more disbursed than received: true records it as confirmed (kept on the row and in the audit log); false refuses it with 422 DISBURSEMENT_EXCEEDS_RECEIVED (the console sends false, then asks the person); absent records it and answers exceedsReceived: true with a warning (the contract answers 201 to every well-formed disbursement) */
      confirmExceeding?: boolean;
    };
    RecordedDisbursementView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description integer fen
       * @example 100000
       */
      amountFen: number;
      /** @example 1000.00 */
      amountYuan: string;
      /** @example 武汉市第一医院 */
      recipient: string;
      /** @example 采购防护服 */
      purpose: string;
      /**
       * Format: date
       * @example 2026-12-01
       */
      date: string;
      bankReference: string | null;
      /** @description the public proof, if any */
      attachmentUrl: string | null;
      attachmentSha256: string | null;
      /** @description a proof exists but holds personal data: shown to staff only */
      attachmentWithheld: boolean;
      fundCode: string | null;
      fundName: string | null;
      exceedsReceived: boolean;
      confirmedExceeding: boolean;
      /**
       * @description beyond what was received: confirmed by staff, or pending (超出已收款，待确认)
       * @enum {string|null}
       */
      exceeding: 'confirmed' | 'pending' | null;
      confirmation: components['schemas']['PaymentConfirmationView'] | null;
      voided: boolean;
      voidReason: string | null;
      /** Format: date-time */
      voidedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      attachmentSealed: boolean;
      staffAttachmentUrl: string | null;
      /** @description the signed link of the recipient unit (a capability: hand it to them only) */
      confirmUrl: string;
      paymentNoticeUrl: string;
      /** Format: date-time */
      exceedingConfirmedAt: string | null;
      /** @description recorded beyond what was received without confirmExceeding: what to check */
      warning?: string;
    };
    VoidDisbursementDto: {
      /** @example 金额录入错误，已按正确金额重新登记 */
      reason: string;
    };
    StaffDisbursementView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description integer fen
       * @example 100000
       */
      amountFen: number;
      /** @example 1000.00 */
      amountYuan: string;
      /** @example 武汉市第一医院 */
      recipient: string;
      /** @example 采购防护服 */
      purpose: string;
      /**
       * Format: date
       * @example 2026-12-01
       */
      date: string;
      bankReference: string | null;
      /** @description the public proof, if any */
      attachmentUrl: string | null;
      attachmentSha256: string | null;
      /** @description a proof exists but holds personal data: shown to staff only */
      attachmentWithheld: boolean;
      fundCode: string | null;
      fundName: string | null;
      exceedsReceived: boolean;
      confirmedExceeding: boolean;
      /**
       * @description beyond what was received: confirmed by staff, or pending (超出已收款，待确认)
       * @enum {string|null}
       */
      exceeding: 'confirmed' | 'pending' | null;
      confirmation: components['schemas']['PaymentConfirmationView'] | null;
      voided: boolean;
      voidReason: string | null;
      /** Format: date-time */
      voidedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      attachmentSealed: boolean;
      staffAttachmentUrl: string | null;
      /** @description the signed link of the recipient unit (a capability: hand it to them only) */
      confirmUrl: string;
      paymentNoticeUrl: string;
      /** Format: date-time */
      exceedingConfirmedAt: string | null;
    };
    StaffDisbursementListView: {
      items: components['schemas']['StaffDisbursementView'][];
    };
    PayPlanLineDto: {
      /** @example 2020-02-20 */
      date: string;
      /**
       * @description the bank's reference of the transfer (once among the live disbursements, else 409 DUPLICATE_BANK_REFERENCE)
       * @example BOC202002200001
       */
      bankReference?: string;
      /**
       * @description as for a disbursement: record it even though it exceeds what was received
       * @default false
       */
      confirmExceeding?: boolean;
    };
    PlanTierDto: {
      /** @example 小型社区 */
      name: string;
      /**
       * @description integer fen each line of this tier gets
       * @example 5000000
       */
      amountFen: number;
    };
    CreateDisbursementPlanDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 朝阳区社区防疫慰问补贴 */
      title: string;
      /**
       * @description the plan's total in fen; the lines must add up to it (else 422 PLAN_TOTAL_MISMATCH)
       * @example 500000000
       */
      totalFen: number;
      /**
       * @description the designated fund every line is paid from
       * @example medical
       */
      fundCode?: string;
      /** @description the plan’s tiers, when its lines name a tier (column 档次 or tier) instead of (or beside) an amount; names unique, at most 50; an unknown tier on a line → 422 INVALID_PLAN (INVALID_TIER). In a multipart import: the field `tiers` as JSON */
      tiers?: components['schemas']['PlanTierDto'][];
      /**
       * @description CSV (UTF-8): header 受助单位,金额（元）,用途 (or recipient,amountYuan,purpose), optionally 档次 (tier) with `tiers`; one line per recipient unit; bad lines → 422 INVALID_PLAN with details.errors
       * @example 受助单位,金额（元）,用途
       *     朝阳门街道,50000,防疫慰问金
       */
      csv: string;
    };
    PlanTierView: {
      /** @example 大型社区 */
      name: string;
      /**
       * @description integer fen per line of the tier
       * @example 10000000
       */
      amountFen: number;
      /**
       * @description lines given by this tier
       * @example 3
       */
      count: number;
      /** @example 100000.00 */
      amountYuan: string;
    };
    PlanLineView: {
      /** @example 1 */
      lineNo: number;
      /** @example 朝阳区某某社区 */
      recipient: string;
      /**
       * @description integer fen
       * @example 5000000
       */
      amountFen: number;
      purpose: string;
      /** @description the plan's tier the line was given by, or null for an amount of its own */
      tier: string | null;
      /** @description the disbursement that paid it */
      disbursementId: string | null;
      /** Format: date */
      paidOn: string | null;
      bankReference: string | null;
      /**
       * @description the paying disbursement's proof
       * @enum {string|null}
       */
      proof: 'public' | 'withheld' | null;
      /** @description the recipient unit confirmed the money arrived */
      confirmed: boolean;
      /** @example 50000.00 */
      amountYuan: string;
      paid: boolean;
    };
    DisbursementPlanView: {
      /** Format: uuid */
      id: string;
      title: string;
      /**
       * @description integer fen: the sum of its lines
       * @example 15000000
       */
      totalFen: number;
      /** @example 150000.00 */
      totalYuan: string;
      fundCode: string | null;
      /** @enum {string} */
      status: 'draft' | 'approved';
      /** Format: date-time */
      approvedAt: string | null;
      /**
       * @description integer fen paid so far
       * @example 10000
       */
      paidFen: number;
      paidCount: number;
      tiers: components['schemas']['PlanTierView'][];
      lines: components['schemas']['PlanLineView'][];
    };
    DisbursementPlanListView: {
      items: components['schemas']['DisbursementPlanView'][];
    };
    DisclosureScheduleView: {
      /** @example 90 */
      intervalDays: number;
      /** Format: date-time */
      lastPublishedAt: string | null;
      /**
       * Format: date-time
       * @description null once the final account is out
       */
      nextDueAt: string | null;
      /** @enum {string|null} */
      nextKind: 'scheduled' | 'final' | null;
      /** @description due and not made yet */
      overdue: boolean;
      /**
       * Format: date-time
       * @description the final account's legal deadline, when the campaign has an end
       */
      finalDeadline: string | null;
      finalPublished: boolean;
    };
    PublicationTotalsView: {
      /** @example 12 */
      donorCount: number;
      /** @example 15 */
      donationCount: number;
      /**
       * @description integer fen
       * @example 1234500
       */
      amountFen: number;
      /**
       * @description integer fen paid today (Beijing time)
       * @example 10000
       */
      todayAmountFen: number;
      /**
       * @description integer fen
       * @example 100000000
       */
      goalFen: number | null;
      /**
       * @description integer fen
       * @example 0
       */
      disbursedFen: number;
      inKind: components['schemas']['InKindTotalsLineView'][];
      /** @description only when the campaign has designated funds */
      funds?: components['schemas']['FundTotalsView'][];
      /** Format: date-time */
      updatedAt: string;
    };
    PublicationCorrectionView: {
      /** @enum {string} */
      kind: 'disbursement_voided';
      /** Format: uuid */
      disbursementId: string;
      recipient: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** Format: date */
      date: string;
      reason: string;
      /** Format: date-time */
      voidedAt: string;
    };
    PublicationView: {
      /** Format: uuid */
      id: string;
      /** @example 1 */
      seq: number;
      /** Format: date-time */
      asOf: string;
      totals: components['schemas']['PublicationTotalsView'];
      /** @description SHA-256 (hex) of the CSV bytes */
      sha256: string;
      /** @description paid donations listed in the CSV */
      rowCount: number;
      /** @description the previous snapshot's chainSha256 */
      previousChainSha256: string | null;
      /** @description sha256(manifest) */
      chainSha256: string;
      /** @description the text hashed: the figures, the CSV hash and previousChainSha256 */
      manifest: string;
      /** @example /api/campaigns/warm-wuhan/publications/…csv */
      csvUrl: string;
      /** @description what was corrected since the previous publication */
      corrections: components['schemas']['PublicationCorrectionView'][];
      /** @enum {string} */
      kind: 'manual' | 'scheduled' | 'final';
    };
    PublicationListView: {
      /** @description newest first */
      items: components['schemas']['PublicationView'][];
    };
    ConfirmedDisbursementView: {
      /** Format: uuid */
      disbursementId: string;
      recipient: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      confirmation: components['schemas']['PaymentConfirmationView'];
    };
    AggregateOrderDto: {
      /** @example WH2020020112345678901234 */
      orderNo: string;
      /** @description the order's claimToken; else the HttpOnly cookie wn_claim_<orderNo> the donor's browser holds */
      claimToken?: string;
    };
    CreateReceiptRequestDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description the order number of an online donation
       * @example WH202002011234567890
       */
      orderNo?: string;
      /**
       * @description the bank reference of a bank transfer
       * @example BOC20200201-0001
       */
      bankReference?: string;
      /** @description the claimToken returned when the donation was created (or the HttpOnly cookie wn_claim_<orderNo> the donor page holds): only a request with it is issued automatically; without it the request waits for staff review */
      claimToken?: string;
      /** @description An aggregate receipt (合并开具): one record for 2-50 gifts of this campaign (and one fund), instead of orderNo/bankReference/claimToken. amountFen is then their total. With every claim token (item or cookie) valid: 422 DUPLICATE_ORDER, AGGREGATE_MIXED_CAMPAIGNS, AGGREGATE_MIXED_FUNDS, DONATION_NOT_PAID, DONATION_REFUNDED, AMOUNT_MISMATCH, 409 RECEIPT_ALREADY_REQUESTED (a gift on a live request or receipt). Any order without its valid token: 201 pending_review for staff, whatever the orders named */
      orders?: components['schemas']['AggregateOrderDto'][];
      /**
       * @description integer fen (for an aggregate: the total of its gifts); at least the campaign threshold (10000 = 100.00 yuan by default) → else 422 BELOW_RECEIPT_THRESHOLD
       * @example 10000
       */
      amountFen: number;
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      /**
       * @description name of the person or organisation; printed on the receipt, so every character must be in its font → else 422 UNPRINTABLE_CHARACTERS (an emoji, say)
       * @example 张伟
       */
      name: string;
      /**
       * @description individuals: 18-character ID-card number (GB 11643); encrypted at rest
       * @example 11010519491231002X
       */
      idNumber?: string;
      /**
       * @description organisations: 统一社会信用代码 (GB 32100)
       * @example 91350100M000100Y43
       */
      creditCode?: string;
      /**
       * @description the title printed on the receipt (票据抬头); a character its font lacks → 422 UNPRINTABLE_CHARACTERS
       * @example 张伟
       */
      invoiceTitle: string;
      /**
       * @description mainland mobile; encrypted at rest
       * @example 13800138000
       */
      phone: string;
      /**
       * @description the receipt PDF is emailed here; encrypted at rest
       * @example zhang.wei@example.com
       */
      email: string;
      /**
       * @description encrypted at rest
       * @example 湖北省武汉市洪山区珞喻路1037号
       */
      mailingAddress?: string;
    };
    CreatedReceiptRequestView: {
      /** Format: uuid */
      requestId: string;
      /**
       * @description queued: issued without review (a valid claim token); else staff review it
       * @enum {string}
       */
      status: 'queued' | 'pending_review';
    };
    DeclineReceiptDto: {
      /** @example D20200201000001 */
      orderNo: string;
      /** @description the donation's claim token (else the wn_claim_<orderNo> cookie of the donor's browser) */
      claimToken?: string;
    };
    ReceiptDeclineView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @enum {boolean} */
      receiptDeclined: true;
      /** Format: date-time */
      declinedAt: string;
    };
    ReceiptRequestStatusView: {
      /** Format: uuid */
      requestId: string;
      /**
       * @description issued: the PDF exists and has been sent
       * @enum {string}
       */
      status: 'queued' | 'pending_review' | 'issued' | 'rejected';
      /** @example WH-2026-00000001 */
      receiptNo?: string;
      /**
       * @description voided: the receipt was voided and not replaced (no re-send offered)
       * @enum {string}
       */
      receiptStatus?: 'issued' | 'voided';
      rejectReason?: string;
    };
    QueuedView: {
      /** @enum {string} */
      status: 'queued';
    };
    OfficialReceiptSummaryView: {
      /** @enum {string} */
      kind: 'fiscal' | 'paper';
      /**
       * @description 票据代码
       * @example 42010126
       */
      code: string;
      /**
       * @description 票据号码
       * @example 0000000001
       */
      number: string;
      /** Format: date-time */
      issuedAt: string;
    };
    ReplacementReceiptView: {
      /** @example WH-2026-00000002 */
      receiptNo: string;
      /** @enum {string} */
      status: 'issued' | 'voided';
      /** @description its signed verification link */
      verifyUrl: string;
    };
    ReceiptVerificationView: {
      /** @enum {boolean} */
      valid: true;
      /** @example WH-2026-00000001 */
      receiptNo: string;
      /** @enum {string} */
      status: 'issued' | 'voided';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /** Format: date-time */
      issuedAt: string;
      /** Format: date-time */
      donatedAt: string;
      /**
       * @description masked
       * @example 张*
       */
      donorName: string;
      /**
       * @description how many gifts the record lists (more than one: 合并开具)
       * @example 1
       */
      giftCount: number;
      /** @example 温暖武汉 */
      campaignTitle: string;
      /** @example 温暖基金会 */
      organisation: string;
      /** Format: date-time */
      voidedAt: string | null;
      /** @description the official 公益事业捐赠票据 attached (the check code stays with the donor) */
      official: components['schemas']['OfficialReceiptSummaryView'] | null;
      /** @description a voided record that was reissued names its replacement */
      replacedBy: components['schemas']['ReplacementReceiptView'] | null;
    };
    ReviewedDonationView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @enum {string} */
      channel: 'sandbox' | 'wechatpay' | 'alipay' | 'bank_transfer';
      /** @enum {string} */
      status: 'pending' | 'paid' | 'failed' | 'refunded';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @description the donor's or payer's name on the donation */
      payerName: string | null;
      /** Format: date-time */
      paidAt: string | null;
      bankReference: string | null;
    };
    RequestedOrderView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @description the request holds the gift (its claim token was valid, or staff approved) */
      held: boolean;
    };
    ReviewedReceiptRequestView: {
      /** Format: uuid */
      requestId: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** @enum {string} */
      status: 'queued' | 'pending_review' | 'issued' | 'rejected';
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      name: string;
      invoiceTitle: string;
      /**
       * @description masked: first and last character kept
       * @example 1****************X
       */
      idNumber: string | null;
      creditCode: string | null;
      /**
       * @description masked
       * @example 138****8000
       */
      phone: string;
      /**
       * @description masked
       * @example z***@example.com
       */
      email: string;
      /** @description masked */
      mailingAddress: string | null;
      orderNo: string | null;
      bankReference: string | null;
      hasScreenshot: boolean;
      /** @enum {string} */
      matchMethod: 'order' | 'bank_reference' | 'staff' | 'none';
      /** @description the request carried the donation's claim token */
      claimVerified: boolean;
      donation: components['schemas']['ReviewedDonationView'] | null;
      /** @description a donation that would match (approve to take it) */
      proposedDonation: components['schemas']['ReviewedDonationView'] | null;
      rejectReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      reviewedAt: string | null;
      /** @description 合并开具: several gifts on one record */
      aggregate: boolean;
      /** @description the orders an aggregate request lists; null otherwise */
      orders: components['schemas']['RequestedOrderView'][] | null;
    };
    ReviewedReceiptRequestListView: {
      /** @example 1 */
      total: number;
      /** @description oldest first */
      items: components['schemas']['ReviewedReceiptRequestView'][];
    };
    BulkApproveDto: {
      /** @description request ids (matched ones only; at most 1000) */
      requestIds: string[];
    };
    ApprovalResultView: {
      /** Format: uuid */
      requestId: string;
      /**
       * @description approved
       * @enum {string}
       */
      status?: 'queued' | 'pending_review' | 'issued' | 'rejected';
      /** @description refused: the error code */
      code?: string;
      /** @description refused: why */
      message?: string;
    };
    BulkApprovalView: {
      /**
       * @description how many were queued for issue
       * @example 2
       */
      queued: number;
      results: components['schemas']['ApprovalResultView'][];
    };
    StartApproveJobDto: {
      /** @description request ids to approve (at most 10000) */
      requestIds?: string[];
      /** @description instead of requestIds: every request of this campaign waiting for review with a matched (or proposed) donation */
      campaignCode?: string;
      /**
       * @description with campaignCode; only requests waiting for review can be approved
       * @default pending_review
       * @enum {string}
       */
      status?: 'pending_review';
    };
    StartedJobView: {
      /** @description follow it at GET /api/staff/jobs/:jobId */
      jobId: string;
      /**
       * @description how many items it will go through
       * @example 120
       */
      total: number;
    };
    StaffAggregateReceiptRequestDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      /**
       * @description name of the person or organisation; printed on the receipt, so every character must be in its font → else 422 UNPRINTABLE_CHARACTERS (an emoji, say)
       * @example 张伟
       */
      name: string;
      /**
       * @description individuals: 18-character ID-card number (GB 11643); encrypted at rest
       * @example 11010519491231002X
       */
      idNumber?: string;
      /**
       * @description organisations: 统一社会信用代码 (GB 32100)
       * @example 91350100M000100Y43
       */
      creditCode?: string;
      /**
       * @description the title printed on the receipt (票据抬头); a character its font lacks → 422 UNPRINTABLE_CHARACTERS
       * @example 张伟
       */
      invoiceTitle: string;
      /**
       * @description mainland mobile; encrypted at rest
       * @example 13800138000
       */
      phone: string;
      /**
       * @description the receipt PDF is emailed here; encrypted at rest
       * @example zhang.wei@example.com
       */
      email: string;
      /**
       * @description encrypted at rest
       * @example 湖北省武汉市洪山区珞喻路1037号
       */
      mailingAddress?: string;
      /** @description 2-50 order numbers of paid gifts of this campaign and one fund (bank transfers have one too) */
      orderNos: string[];
      /** @description the total the donor expects, integer fen; when given it must equal the sum (422 AMOUNT_MISMATCH) */
      amountFen?: number;
    };
    StaffCreatedReceiptRequestView: {
      /** Format: uuid */
      requestId: string;
      /**
       * @description queued: issued without review (a valid claim token); else staff review it
       * @enum {string}
       */
      status: 'queued' | 'pending_review';
      /**
       * @description integer fen
       * @example 50000
       */
      amountFen: number;
    };
    ApproveReceiptRequestDto: {
      /** @description the donation to issue for, when the request was not matched automatically */
      orderNo?: string;
    };
    ApprovedView: {
      /** Format: uuid */
      requestId: string;
      /**
       * @example queued
       * @enum {string}
       */
      status: 'queued' | 'pending_review' | 'issued' | 'rejected';
    };
    ReasonDto: {
      /** @example 付款截图与金额不符 */
      reason: string;
    };
    RejectedView: {
      /** Format: uuid */
      requestId: string;
      /** @enum {string} */
      status: 'rejected';
      rejectReason: string;
    };
    RevealedPersonalDataView: {
      /** Format: uuid */
      requestId: string;
      /** @description in clear */
      idNumber: string | null;
      creditCode: string | null;
      /** @description in clear */
      phone: string;
      /** @description in clear */
      email: string;
      /** @description in clear */
      mailingAddress: string | null;
    };
    ReceiptSummaryView: {
      /** @example WH-2026-00000001 */
      receiptNo: string;
      /** @enum {string} */
      status: 'issued' | 'voided';
      /** @example warm-wuhan */
      campaignCode: string;
      orderNo: string | null;
      /** @description the donor's name as on the receipt (staff only) */
      donorName: string;
      invoiceTitle: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** Format: date-time */
      issuedAt: string;
      /** Format: date-time */
      emailedAt: string | null;
    };
    ReceiptListView: {
      /** @description newest first, at most 200 */
      items: components['schemas']['ReceiptSummaryView'][];
    };
    GoodsReceiptRequestDto: {
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      /**
       * @description name of the person or organisation; printed on the receipt, so every character must be in its font → else 422 UNPRINTABLE_CHARACTERS (an emoji, say)
       * @example 张伟
       */
      name: string;
      /**
       * @description individuals: 18-character ID-card number (GB 11643); encrypted at rest
       * @example 11010519491231002X
       */
      idNumber?: string;
      /**
       * @description organisations: 统一社会信用代码 (GB 32100)
       * @example 91350100M000100Y43
       */
      creditCode?: string;
      /**
       * @description the title printed on the receipt (票据抬头); a character its font lacks → 422 UNPRINTABLE_CHARACTERS
       * @example 张伟
       */
      invoiceTitle: string;
      /**
       * @description mainland mobile; encrypted at rest
       * @example 13800138000
       */
      phone: string;
      /**
       * @description the receipt PDF is emailed here; encrypted at rest
       * @example zhang.wei@example.com
       */
      email: string;
      /**
       * @description encrypted at rest
       * @example 湖北省武汉市洪山区珞喻路1037号
       */
      mailingAddress?: string;
    };
    ReceiptGiftView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /** Format: date-time */
      donatedAt: string;
    };
    OfficialReceiptView: {
      /** @enum {string} */
      kind: 'fiscal' | 'paper';
      /**
       * @description platform: issued through the 财政电子票据 adapter; manual: entered by staff
       * @enum {string}
       */
      source: 'platform' | 'manual' | 'paper';
      /**
       * @description 票据代码
       * @example 42010126
       */
      code: string;
      /**
       * @description 票据号码
       * @example 0000000001
       */
      number: string;
      /** @description 校验码 (fiscal) */
      checkCode?: string;
      /** Format: date-time */
      issuedAt: string;
      /** @description the paper receipt book it came from */
      bookId: string | null;
      /** @description the platform's file is stored */
      hasFile: boolean;
      /** @description the record was voided: the official receipt is void with it */
      voided: boolean;
    };
    ReceiptDetailsView: {
      /** @example WH-2026-00000001 */
      receiptNo: string;
      /** @enum {string} */
      status: 'issued' | 'voided';
      /** @description 合并开具: one record for several gifts, listed in `gifts` (orderNo is then null) */
      aggregate: boolean;
      gifts: components['schemas']['ReceiptGiftView'][];
      /** @description 项目编码 */
      projectCode: string;
      /** @description the organisation's 统一社会信用代码 as issued */
      payerCreditCode: string | null;
      /** @description 复核人 */
      reviewer: string | null;
      /** @description 收款人 */
      payee: string | null;
      /** @example warm-wuhan */
      campaignCode: string;
      campaignTitle: string;
      /** @description the designated fund of the gift (定向捐赠) */
      fundName: string | null;
      /** @description 项目名称 */
      projectName: string;
      /** Format: uuid */
      requestId: string;
      orderNo: string | null;
      /** @description a receipt for goods */
      inKindDonationId: string | null;
      /** @description the donor's name as on the receipt (staff only) */
      donorName: string;
      invoiceTitle: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example 100.00 */
      amountYuan: string;
      /** Format: date-time */
      donatedAt: string;
      /** Format: date-time */
      issuedAt: string;
      /** @description the PDF is rendered and stored */
      pdfReady: boolean;
      pdfSha256: string | null;
      /** Format: date-time */
      emailedAt: string | null;
      /** @example 1 */
      emailCount: number;
      /** Format: date-time */
      voidedAt: string | null;
      voidReason: string | null;
      replacesReceiptNo: string | null;
      replacedByReceiptNo: string | null;
      /** @description the signed link its QR code holds */
      verifyUrl: string;
      official: components['schemas']['OfficialReceiptView'] | null;
      /** @description the stored PDF shows the official receipt (a 捐赠票据), else it is still the 捐赠证明 */
      pdfShowsOfficial: boolean;
    };
    ReissueReceiptDto: {
      /**
       * @description a character the receipt font lacks → 422 UNPRINTABLE_CHARACTERS
       * @example 张伟
       */
      name?: string;
      /**
       * @description a character the receipt font lacks → 422 UNPRINTABLE_CHARACTERS
       * @example 武汉市光谷科技有限公司
       */
      invoiceTitle?: string;
      /** @example 抬头有误，按捐赠人要求重开 */
      reason?: string;
    };
    ReissuedReceiptView: {
      /** @enum {string} */
      status: 'queued';
      /** @description the record it replaces (voided) */
      replacesReceiptNo: string;
    };
    CreateReceiptBookDto: {
      /**
       * @description 票据代码, 8 digits
       * @example 42010125
       */
      code: string;
      /**
       * @description first 票据号码 of the book, 10 digits (leading zeros kept)
       * @example 0000000001
       */
      firstNumber: string;
      /**
       * @description last 票据号码 of the book, 10 digits; at most 10,000 numbers in a book
       * @example 0000000050
       */
      lastNumber: string;
    };
    RegisteredReceiptBookView: {
      /** Format: uuid */
      id: string;
      /**
       * @description 票据代码, 8 digits
       * @example 42010126
       */
      code: string;
      /**
       * @description 10 digits
       * @example 0000000001
       */
      firstNumber: string;
      /**
       * @description 10 digits
       * @example 0000000100
       */
      lastNumber: string;
      /** @enum {string} */
      status: 'open' | 'closed';
    };
    ReceiptBookView: {
      /** Format: uuid */
      id: string;
      /**
       * @description 票据代码, 8 digits
       * @example 42010126
       */
      code: string;
      /**
       * @description 10 digits
       * @example 0000000001
       */
      firstNumber: string;
      /**
       * @description 10 digits
       * @example 0000000100
       */
      lastNumber: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      /** @example 100 */
      size: number;
      /** @example 1 */
      used: number;
      /**
       * @description forms spoiled (作废)
       * @example 0
       */
      spoiled: number;
      /** @example 99 */
      unused: number;
      /**
       * @description used by records voided since (the number stays used)
       * @example 0
       */
      usedByVoidedReceipts: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      closedAt: string | null;
    };
    ReceiptBookListView: {
      /** @description newest first */
      items: components['schemas']['ReceiptBookView'][];
    };
    ReceiptBookEntryView: {
      /** @example 0000000001 */
      number: string;
      /** @enum {string} */
      state: 'used' | 'spoiled';
      receiptNo: string | null;
      receiptStatus: string | null;
      /** @description why it was spoiled */
      reason: string | null;
      /** Format: date-time */
      recordedAt: string | null;
    };
    ReceiptBookReportView: {
      /** Format: uuid */
      id: string;
      /**
       * @description 票据代码, 8 digits
       * @example 42010126
       */
      code: string;
      /**
       * @description 10 digits
       * @example 0000000001
       */
      firstNumber: string;
      /**
       * @description 10 digits
       * @example 0000000100
       */
      lastNumber: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      /** @example 100 */
      size: number;
      /** @example 1 */
      used: number;
      /**
       * @description forms spoiled (作废)
       * @example 0
       */
      spoiled: number;
      /** @example 99 */
      unused: number;
      /**
       * @description used by records voided since (the number stays used)
       * @example 0
       */
      usedByVoidedReceipts: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      closedAt: string | null;
      entries: components['schemas']['ReceiptBookEntryView'][];
      /**
       * @description the unused numbers as [first, last] ranges
       * @example [
       *       [
       *         "0000000002",
       *         "0000000100"
       *       ]
       *     ]
       */
      unusedRanges: string[][];
    };
    SpoilNumberDto: {
      /** @example 0000000007 */
      number: string;
      /** @example 填写错误，已加盖作废章 */
      reason: string;
    };
    AttachPaperDto: {
      /** @description the receipt book (id from POST /api/staff/receipt-books) */
      bookId: string;
      /**
       * @description the paper form used; omitted: the lowest unused number of the book
       * @example 0000000001
       */
      number?: string;
    };
    ReceiptOfficialView: {
      /** @example WH-2026-00000001 */
      receiptNo: string;
      official: components['schemas']['OfficialReceiptView'] | null;
    };
    ReceiptFormFieldView: {
      /** @example payer */
      key: string;
      /** @example 交款人 */
      label: string;
      value: string | null;
    };
    ReceiptFormGiftView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /**
       * Format: date
       * @example 2026-12-01
       */
      donatedOn: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example ¥100.00 */
      amountFigures: string;
    };
    ReceiptFormView: {
      /** @example WH-2026-00000001 */
      receiptNo: string;
      /** @enum {string} */
      status: 'issued' | 'voided';
      official: components['schemas']['OfficialReceiptView'] | null;
      fields: components['schemas']['ReceiptFormFieldView'][];
      /** @description 合并开具: the gifts of the attached list (附清单) */
      gifts: components['schemas']['ReceiptFormGiftView'][];
    };
    ReceiptDeclineRowView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** Format: date-time */
      declinedAt: string;
      /**
       * Format: date-time
       * @description a request made later withdrew the decline
       */
      withdrawnAt: string | null;
    };
    ReceiptDeclineListView: {
      items: components['schemas']['ReceiptDeclineRowView'][];
    };
    LookupLinkDto: {
      /** @description the email address given in receipt requests */
      email: string;
    };
    LookupLinkView: {
      /**
       * @description the same answer whether or not the address is known
       * @enum {string}
       */
      status: 'accepted';
      message: string;
    };
    DonorGiftView: {
      /** Format: uuid */
      requestId: string;
      /** @enum {string} */
      status: 'queued' | 'pending_review' | 'issued' | 'rejected';
      /** @example 已开具 */
      statusLabel: string;
      /** @example warm-wuhan */
      campaignCode: string;
      campaignTitle: string;
      /**
       * @description integer fen
       * @example 10000
       */
      amountFen: number;
      /** @example ¥100.00 */
      amountDisplay: string;
      /**
       * @description the request's name: masked for a person, in full for an organisation
       * @example 张*
       */
      name: string;
      orderNos: string[];
      /** Format: date-time */
      requestedAt: string;
      receiptNo: string | null;
      /** @description the PDF, for this browser session */
      downloadUrl: string | null;
    };
    DonorGiftListView: {
      items: components['schemas']['DonorGiftView'][];
    };
    RecordBankTransferDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /**
       * @description the bank's reference for the transfer; recorded once per campaign (409 DUPLICATE_BANK_REFERENCE)
       * @example BOC20200201-000123
       */
      bankReference: string;
      /**
       * @description integer fen, 1 to 100000000
       * @example 500000
       */
      amountFen: number;
      /** @example 武汉光谷科技有限公司 */
      payerName: string;
      /**
       * @description when the money arrived (ISO 8601 with offset)
       * @example 2020-02-01T10:30:00+08:00
       */
      receivedAt: string;
      /**
       * @description payer account; encrypted at rest, shown masked
       * @example 6222020200001234567
       */
      payerAccount?: string;
      /**
       * @description a designated fund of the campaign (定向捐赠), counted in it; unknown → 422 FUND_NOT_FOUND
       * @example medical
       */
      fundCode?: string;
    };
    RecordedTransferView: {
      /** @example WN20261202ABCDEFGH23456789 */
      orderNo: string;
      /** @enum {string} */
      status: 'paid';
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 2026120200001 */
      bankReference: string;
      /**
       * @description integer fen
       * @example 500000
       */
      amountFen: number;
      /** @example 5000.00 */
      amountYuan: string;
      /**
       * @description the payer's name as on the statement (staff only)
       * @example 武汉某某有限公司
       */
      payerName: string;
      /** Format: date-time */
      paidAt: string;
      fundCode: string | null;
    };
    StatementLayoutView: {
      /** @enum {string} */
      code: 'icbc' | 'boc' | 'ccb' | 'abc' | 'standard' | 'mapping';
      /** @example 中国工商银行 */
      name: string;
    };
    StatementErrorView: {
      /**
       * @description the line of the file
       * @example 3
       */
      line: number;
      /** @example INVALID_AMOUNT */
      code: string;
      /**
       * @description in Chinese, naming the row and column
       * @example 第 3 行：金额不正确
       */
      message: string;
    };
    ImportResultView: {
      /** @example 10 */
      imported: number;
      /**
       * @description lines already recorded (same bankReference)
       * @example 0
       */
      duplicates: number;
      /**
       * @description debit rows (支出) and summary rows (合计)
       * @example 1
       */
      skipped: number;
      layout: components['schemas']['StatementLayoutView'];
      errors: components['schemas']['StatementErrorView'][];
    };
    StartedBackgroundJobView: {
      /**
       * @description follow it at GET /api/staff/jobs/:jobId
       * @example 42
       */
      jobId: string;
    };
    StatementColumnsView: {
      /** @description the column of 交易流水号 */
      bankReference?: string;
      /** @description the column of 交易日期 */
      receivedAt?: string;
      /** @description the column of 交易时间 */
      receivedTime?: string;
      /** @description the column of 对方户名 */
      payerName?: string;
      /** @description the column of 对方账号 */
      payerAccount?: string;
      /** @description the column of 贷方发生额 */
      creditAmount?: string;
      /** @description the column of 借方发生额 */
      debitAmount?: string;
      /** @description the column of 交易金额 */
      amount?: string;
      /** @description the column of 借贷标志 */
      direction?: string;
      /** @description the column of 基金代码 */
      fundCode?: string;
    };
    StatementMappingView: {
      /** Format: uuid */
      id: string;
      /** @example 招商银行对账单 */
      name: string;
      columns: components['schemas']['StatementColumnsView'];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    StatementMappingListView: {
      items: components['schemas']['StatementMappingView'][];
    };
    StatementColumnsDto: {
      /**
       * @description header text of the column holding the bank's reference (unique per transfer)
       * @example 业务编号
       */
      bankReference: string;
      /**
       * @description header text of the column holding the date, or date and time, Beijing time
       * @example 到账日期
       */
      receivedAt: string;
      /**
       * @description header text of the column holding the time, when the date column has none
       * @example 到账时刻
       */
      receivedTime?: string;
      /**
       * @description header text of the column holding the payer's name
       * @example 汇款人
       */
      payerName: string;
      /**
       * @description header text of the column holding the payer's account (encrypted at rest)
       * @example 汇款账号
       */
      payerAccount?: string;
      /**
       * @description header text of the column holding the credit (收入) amount in yuan; or give `amount`
       * @example 收入
       */
      creditAmount?: string;
      /**
       * @description header text of the column holding the debit (支出) amount: rows with one are skipped
       * @example 支出
       */
      debitAmount?: string;
      /**
       * @description header text of the column holding a signed amount (negative: a debit), when there is no credit column
       * @example 发生额
       */
      amount?: string;
      /**
       * @description header text of the column holding 借/贷 or 收/支: rows marked 借 or 支 are skipped
       * @example 收支
       */
      direction?: string;
      /**
       * @description header text of the column holding the designated fund code (定向捐赠)
       * @example 基金
       */
      fundCode?: string;
    };
    StatementMappingDto: {
      /**
       * @description unique (regardless of case); 409 STATEMENT_MAPPING_EXISTS when taken
       * @example 招商银行企业网银
       */
      name: string;
      columns: components['schemas']['StatementColumnsDto'];
    };
    JobProgressView: {
      /** @example 40 */
      done: number;
      /** @example 120 */
      total: number;
      /**
       * @description of `done`, how many failed (mass approval: refused requests)
       * @example 1
       */
      failed?: number;
    };
    JobFileView: {
      /** @example /api/staff/export-jobs/42/file */
      url: string;
      /** @example donations-warm-wuhan.csv */
      filename: string;
      rows: number | null;
      bytes: number | null;
      /** Format: date-time */
      expiresAt: string | null;
      /** @description false once expired and deleted */
      available: boolean;
    };
    JobView: {
      /** @example 42 */
      jobId: string;
      /** @enum {string} */
      kind?: 'import_statement' | 'approve_receipts' | 'export';
      /** @description what it was asked to do */
      params?: {
        [key: string]: unknown;
      };
      /** @description the e-mail of who started it */
      startedBy?: string | null;
      /** @enum {string} */
      state: 'waiting' | 'active' | 'completed' | 'failed';
      progress: components['schemas']['JobProgressView'];
      /** @description once completed: the job's result (an import's { imported, duplicates, skipped, layout, errors }, an approval's counts…) */
      result?: {
        [key: string]: unknown;
      };
      failedReason?: string;
      file?: components['schemas']['JobFileView'];
      /** Format: date-time */
      createdAt?: string;
      /** Format: date-time */
      finishedAt?: string;
    };
    JobListView: {
      /** @description newest first, the last 7 days */
      items: components['schemas']['JobView'][];
    };
    ExportFilters: {
      /** @description one campaign; all campaigns when left out */
      campaignCode?: string;
      /** @description donations: pending|paid|failed|refunded; receipts: issued|voided; goods: none */
      status?: string;
    };
    StartExportJobDto: {
      /** @enum {string} */
      kind: 'donations' | 'receipts' | 'goods';
      /** @enum {string} */
      format: 'csv' | 'xlsx';
      filters?: components['schemas']['ExportFilters'];
    };
    InKindItemView: {
      /** @example n95-mask */
      code: string;
      /** @example N95口罩 */
      name: string;
      /** @enum {string} */
      category: '防护类' | '消毒类' | '诊断类' | '其他';
      /** @example 只 */
      unit: string;
      /** @description the standard it must meet, e.g. GB 19083 */
      standard: string | null;
      note: string | null;
    };
    InKindItemListView: {
      items: components['schemas']['InKindItemView'][];
    };
    CreateInKindItemDto: {
      /**
       * @description stable code: lower-case letters, digits and dashes
       * @example isolation-gown
       */
      code: string;
      /** @example 隔离衣 */
      name: string;
      /** @enum {string} */
      category: '防护类' | '消毒类' | '诊断类' | '其他';
      /**
       * @description counting unit: 只, 套, 副, 瓶, 片, 个, 盒, 人份 …
       * @example 件
       */
      unit: string;
      /**
       * @description the standard a medical-grade item must meet
       * @example YY/T 1499-2016
       */
      standard?: string;
      note?: string;
    };
    InKindDonorDto: {
      /** @example 武汉某医疗器械有限公司 */
      name: string;
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      /**
       * @description mainland mobile, or a fixed line with its area code (027-87654321, 010-62345678转123, 400-1234567); encrypted at rest, only ever shown masked
       * @example 13800138000
       */
      phone?: string;
    };
    PledgedItemDto: {
      /**
       * @description a code from GET /api/in-kind/items
       * @example medical-protective-mask
       */
      itemCode: string;
      /**
       * @description positive integer, in the item's unit, at most 100000000
       * @example 1000
       */
      quantity: number;
      /**
       * @description declared value of the whole line, integer fen
       * @example 350000
       */
      valuationFen?: number;
      /** @example GB 19083-2010，50只/盒 */
      spec?: string;
      /** @example 20200115A */
      batch?: string;
      /**
       * @description expiry date (a timestamp is read as its Beijing calendar day)
       * @example 2022-01-14
       */
      expiresAt?: string;
    };
    CreateInKindDonationDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      donor: components['schemas']['InKindDonorDto'];
      /** @description 1-50 lines, one per item */
      items: components['schemas']['PledgedItemDto'][];
      note?: string;
    };
    PledgeDonorView: {
      /** @example 武汉某某有限公司 */
      name: string;
      /** @enum {string} */
      donorType: 'individual' | 'organization';
      /**
       * @description masked
       * @example 138****8000
       */
      phone: string | null;
    };
    PledgeLineView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      /**
       * @description pledged
       * @example 1000
       */
      quantity: number;
      /** @example 900 */
      acceptedQuantity: number;
      /** @example 100 */
      rejectedQuantity: number;
      /**
       * @description the remainder cancelled with the pledge: it will not arrive
       * @example 0
       */
      cancelledQuantity: number;
      /** @example 0 */
      outstandingQuantity: number;
      /**
       * @description integer fen per unit
       * @example 500
       */
      valuationFen: number | null;
      /**
       * @description integer fen: accepted quantity × valuation
       * @example 450000
       */
      acceptedValueFen: number;
      spec: string | null;
      batch: string | null;
      /** Format: date */
      expiresAt: string | null;
      expired: boolean;
    };
    PledgeCancellationView: {
      /** Format: date-time */
      at: string;
      reason: string;
    };
    InspectionLineView: {
      itemCode: string;
      acceptedQuantity: number;
      rejectedQuantity: number;
      reason: string | null;
    };
    InspectionView: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      inspectedAt: string;
      items: components['schemas']['InspectionLineView'][];
    };
    PledgeView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** @enum {string} */
      status: 'pledged' | 'received' | 'cancelled';
      donor: components['schemas']['PledgeDonorView'];
      items: components['schemas']['PledgeLineView'][];
      /** @description every pledged unit was accepted, rejected or cancelled */
      complete: boolean;
      outstandingQuantity: number;
      /** @description set once the outstanding remainder was cancelled */
      cancelled: components['schemas']['PledgeCancellationView'] | null;
      /**
       * @description integer fen
       * @example 450000
       */
      acceptedValueFen: number;
      /** @example 4500.00 */
      acceptedValueYuan: string;
      /** @description received goods whose accepted value reaches the campaign's receipt threshold */
      receiptEligible: boolean;
      inspections: components['schemas']['InspectionView'][];
      note: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      firstReceivedAt: string | null;
      /** Format: date-time */
      lastReceivedAt: string | null;
    };
    PledgeListView: {
      items: components['schemas']['PledgeView'][];
    };
    PledgeLineChangeDto: {
      /**
       * @description a line of this pledge
       * @example medical-protective-mask
       */
      itemCode: string;
      /**
       * @description new pledged quantity; not below what was already inspected (accepted + rejected) → else 422 QUANTITY_BELOW_INSPECTED
       * @example 800
       */
      quantity?: number;
      /**
       * @description declared value of the whole line, integer fen; null: no declared value
       * @example 960000
       */
      valuationFen?: number | null;
      /** @example GB 19083-2010，50只/盒 */
      spec?: string | null;
      /** @example 20200115B */
      batch?: string | null;
      /**
       * @description expiry date; null clears it
       * @example 2022-02-28
       */
      expiresAt?: string | null;
    };
    UpdateInKindDonationDto: {
      /** @description 1-50 changes, one per item */
      items: components['schemas']['PledgeLineChangeDto'][];
      /**
       * @description why the pledge changed; kept in the audit log
       * @example 捐赠方来电：第二批改为800只
       */
      reason?: string;
    };
    CancelInKindDonationDto: {
      /**
       * @description why the outstanding remainder will not come
       * @example 捐赠方告知余下物资无法发货
       */
      reason: string;
    };
    InspectedItemDto: {
      /** @example medical-protective-mask */
      itemCode: string;
      /**
       * @description fit for use: enters stock and public totals
       * @example 900
       */
      acceptedQuantity: number;
      /**
       * @description refused on arrival: never enters stock or totals
       * @example 100
       */
      rejectedQuantity: number;
      /**
       * @description why goods were rejected: expired, damaged, wrong standard, not medical grade …
       * @example 已过期
       */
      reason?: string;
    };
    InspectInKindDonationDto: {
      items: components['schemas']['InspectedItemDto'][];
    };
    InspectedPledgeView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** @enum {string} */
      status: 'pledged' | 'received' | 'cancelled';
      donor: components['schemas']['PledgeDonorView'];
      items: components['schemas']['PledgeLineView'][];
      /** @description every pledged unit was accepted, rejected or cancelled */
      complete: boolean;
      outstandingQuantity: number;
      /** @description set once the outstanding remainder was cancelled */
      cancelled: components['schemas']['PledgeCancellationView'] | null;
      /**
       * @description integer fen
       * @example 450000
       */
      acceptedValueFen: number;
      /** @example 4500.00 */
      acceptedValueYuan: string;
      /** @description received goods whose accepted value reaches the campaign's receipt threshold */
      receiptEligible: boolean;
      inspections: components['schemas']['InspectionView'][];
      note: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      firstReceivedAt: string | null;
      /** Format: date-time */
      lastReceivedAt: string | null;
      /**
       * Format: uuid
       * @description the inspection just recorded
       */
      inspectionId: string;
    };
    StockLineView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      /** @description accepted at inspection */
      receivedQuantity: number;
      distributedQuantity: number;
      /** @description the sum of staff adjustments (may be negative) */
      adjustedQuantity: number;
      /** @description received + adjusted − distributed */
      onHandQuantity: number;
      category: string;
    };
    StockView: {
      /** @example warm-wuhan */
      campaignCode: string;
      items: components['schemas']['StockLineView'][];
    };
    StockMovementView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      /** @example 17 */
      id: string;
      /** @enum {string} */
      kind: 'received' | 'distributed' | 'adjusted';
      /** @description signed by kind */
      quantity: number;
      reason: string | null;
      inKindDonationId: string | null;
      distributionId: string | null;
      recipient: string | null;
      actorEmail: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    StockMovementListView: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @description newest first */
      items: components['schemas']['StockMovementView'][];
    };
    StockQuantitiesView: {
      /** @description accepted at inspection */
      receivedQuantity: number;
      distributedQuantity: number;
      /** @description the sum of staff adjustments (may be negative) */
      adjustedQuantity: number;
      /** @description received + adjusted − distributed */
      onHandQuantity: number;
    };
    StockReconciliationLineView: {
      itemCode: string;
      /** @description the stock stored */
      stored: components['schemas']['StockQuantitiesView'];
      /** @description recomputed from the movements */
      fromMovements: components['schemas']['StockQuantitiesView'];
      acceptedInInspections: number;
      consistent: boolean;
    };
    StockReconciliationView: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @description false if any line differs */
      consistent: boolean;
      items: components['schemas']['StockReconciliationLineView'][];
    };
    AdjustStockDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example medical-protective-mask */
      itemCode: string;
      /**
       * @description signed, not zero: found in a count (+) or lost, damaged in store (-)
       * @example -20
       */
      quantity: number;
      /** @example 仓库盘点：20只受潮 */
      reason: string;
    };
    AdjustedStockView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      /** @description accepted at inspection */
      receivedQuantity: number;
      distributedQuantity: number;
      /** @description the sum of staff adjustments (may be negative) */
      adjustedQuantity: number;
      /** @description received + adjusted − distributed */
      onHandQuantity: number;
      category: string;
      /** @example warm-wuhan */
      campaignCode: string;
    };
    DistributedItemDto: {
      /** @example medical-protective-mask */
      itemCode: string;
      /** @example 500 */
      quantity: number;
    };
    CreateDistributionDto: {
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 武汉市金银潭医院 */
      recipient: string;
      items: components['schemas']['DistributedItemDto'][];
      note?: string;
    };
    DistributionLineView: {
      /** @example n95-mask */
      itemCode: string;
      /** @example N95口罩 */
      name: string;
      /** @example 只 */
      unit: string;
      quantity: number;
    };
    DistributionView: {
      /** Format: uuid */
      id: string;
      /** @example warm-wuhan */
      campaignCode: string;
      /** @example 武汉市第一医院 */
      recipient: string;
      note: string | null;
      items: components['schemas']['DistributionLineView'][];
      /** Format: date-time */
      createdAt: string;
      deliveryNoteUrl: string;
      /** @description the link of the delivery note's QR code: the receiving unit confirms what arrived */
      confirmUrl: string;
    };
    DistributionListView: {
      items: components['schemas']['DistributionView'][];
    };
    ConfirmedQuantityView: {
      itemCode: string;
      /** @description what arrived */
      quantity: number;
      /** @description when the item was in the distribution */
      name?: string;
    };
    DeliveryConfirmationView: {
      /**
       * @description masked
       * @example 李*
       */
      confirmedBy: string;
      /** Format: date-time */
      receivedAt: string;
      items: components['schemas']['ConfirmedQuantityView'][];
      note: string | null;
    };
    DeliveryView: {
      /** @example 武汉市第一医院 */
      recipient: string;
      /** Format: date-time */
      distributedAt: string;
      items: components['schemas']['DistributionLineView'][];
      confirmation: components['schemas']['DeliveryConfirmationView'] | null;
    };
    DeliveryListView: {
      /** @description newest first */
      items: components['schemas']['DeliveryView'][];
    };
    HealthChecksView: {
      /** @enum {string} */
      postgres: 'up' | 'down';
      /** @enum {string} */
      redis: 'up' | 'down';
    };
    HealthView: {
      /** @enum {string} */
      status: 'ok' | 'unavailable';
      /**
       * @description only when unavailable
       * @enum {number}
       */
      statusCode?: 503;
      /**
       * @description only when unavailable
       * @enum {string}
       */
      code?: 'SERVICE_UNAVAILABLE';
      /** @description only when unavailable */
      message?: string;
      /**
       * @description APP_ROLE of the process
       * @enum {string}
       */
      role: 'all' | 'api' | 'worker';
      checks: components['schemas']['HealthChecksView'];
    };
    QueueBoardSessionView: {
      /**
       * @description open it in this browser (the session cookie is set)
       * @example /admin/queues
       */
      url: string;
      /**
       * @description seconds the session lasts
       * @example 900
       */
      expiresIn: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginView'];
        };
      };
      /** @description INVALID_CREDENTIALS, ACCOUNT_DISABLED, TOTP_REQUIRED, INVALID_TOTP_CODE */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description LOGIN_LOCKED, RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OkView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  SecondFactorController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TotpEnrolmentView'];
        };
      };
      /** @description TOTP_ALREADY_ENABLED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  SecondFactorController_confirm: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TotpCodeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TotpEnabledView'];
        };
      };
      /** @description TOTP_NOT_STARTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description TOTP_CODE_MISMATCH */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateStaffUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_EMAIL_TAKEN */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description WEAK_PASSWORD, INVALID_EMAIL */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_unlock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_disable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_enable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_resetPassword: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_changeRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeRoleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StaffUsersController_resetSecondFactor: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffUserView'];
        };
      };
      /** @description STAFF_USER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  AuditLogController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCampaignDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_EXISTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_CAMPAIGN_DATES, INVALID_CREDIT_CODE */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCampaignDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_CREDIT_CODE */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_close: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_addFund: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CampaignFundDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description FUND_EXISTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_renameFund: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        fundCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RenameCampaignFundDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description FUND_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_qrPng: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignsController_qrSvg: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_create: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description same key + same body → same order; different body → 409 IDEMPOTENCY_KEY_REUSED */
        'Idempotency-Key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDonationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedDonationView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_AMOUNT, CAMPAIGN_NOT_ACTIVE, FUND_NOT_FOUND, PAYMENT_CHANNEL_DISABLED */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DonationView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_search: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDonationListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_resolve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResolveFlagDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DonationFlagView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description NOT_FLAGGED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_hideMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['HideMessageDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DonationMessageView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description NO_DONOR_MESSAGE */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_refund: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description same key + same body → the same refund (a double click refunds once); different body → 409 IDEMPOTENCY_KEY_REUSED */
        'Idempotency-Key'?: string;
      };
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefundDonationDto'];
      };
    };
    responses: {
      /** @description succeeded: done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RefundView'];
        };
      };
      /** @description processing: the provider confirms later */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RefundView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description NOT_REFUNDABLE, REFUND_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description REFUND_AMOUNT_NOT_FULL */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description REFUND_REFUSED */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description REFUND_PROVIDER_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonationsController_refundsOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RefundListView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsController_sandboxNotify: {
    parameters: {
      query?: never;
      header?: {
        /** @description sha256=<hex HMAC-SHA256(raw body, SANDBOX_PAYMENT_SECRET)> */
        'X-Signature'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OkView'];
        };
      };
      /** @description INVALID_SIGNATURE */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description AMOUNT_MISMATCH */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsController_wechatpayNotify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WechatNotifyAnswerView'];
        };
      };
      /** @description INVALID_RESOURCE */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_SIGNATURE */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description AMOUNT_MISMATCH */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsController_alipayNotify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the text `success` */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': 'success';
        };
      };
      /** @description INVALID_SIGNATURE */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description AMOUNT_MISMATCH */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsStaffController_reconcile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WechatReconcileDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WechatReconcileView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsStaffController_reconcileAlipay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlipayReconcileView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsStaffController_listDifferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReconciliationDifferenceListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PaymentsStaffController_resolveDifference: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResolveDifferenceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReconciliationDifferenceView'];
        };
      };
      /** @description DIFFERENCE_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DIFFERENCE_RESOLVED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag, Cache-Control: public, max-age=1; 304 on If-None-Match */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TotalsView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_stream: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_wall: {
    parameters: {
      query?: {
        /** @description only the gifts designated to this fund; unknown → 422 FUND_NOT_FOUND */
        fund?: string;
      };
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag, Cache-Control: public, max-age=2 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WallView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description FUND_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_daily: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag, Cache-Control: public, max-age=5 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DailyView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_listDisbursements: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag, Cache-Control: public, max-age=10 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_attachment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_createDisbursement: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDisbursementDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordedDisbursementView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DUPLICATE_BANK_REFERENCE */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description FUND_NOT_FOUND, DISBURSEMENT_EXCEEDS_RECEIVED, INVALID_AMOUNT */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_voidDisbursement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['VoidDisbursementDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDisbursementView'];
        };
      };
      /** @description DISBURSEMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DISBURSEMENT_ALREADY_VOIDED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_staffAttachment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_attach: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /**
           * Format: binary
           * @description PDF, PNG or JPEG (by content), at most 5 MB
           */
          file?: string;
          /**
           * @description true: the proof holds personal data; stored sealed and not shown publicly
           * @enum {string}
           */
          personalData?: 'true' | 'false';
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDisbursementView'];
        };
      };
      /** @description DISBURSEMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_ATTACHMENT */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_getDisbursement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDisbursementView'];
        };
      };
      /** @description DISBURSEMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_pendingExceeding: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDisbursementListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_confirmExceeding: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffDisbursementView'];
        };
      };
      /** @description DISBURSEMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description EXCEEDING_NOT_PENDING, DISBURSEMENT_ALREADY_VOIDED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  TotalsController_paymentNotice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignPosterController_pdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  CampaignPosterController_png: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDisbursementPlanDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_importFile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** @example warm-wuhan */
          campaignCode: string;
          /** @example 东城区总工会：17 个街道各 5 万元 */
          title: string;
          /**
           * @description the lines must add up to it (else 422 PLAN_TOTAL_MISMATCH)
           * @example 85000000
           */
          totalFen: number;
          /** @description the designated fund every line is paid from */
          fundCode?: string;
          /**
           * @description JSON: the plan’s tiers, when lines name one in the column 档次
           * @example [{"name":"小型社区","amountFen":5000000}]
           */
          tiers?: string;
          /**
           * Format: binary
           * @description CSV (UTF-8) or XLSX (first worksheet), header 受助单位,金额（元）,用途 (or recipient,amountYuan,purpose), 档次 (tier) instead of or beside the amount; at most 5 MB and 5,000 lines
           */
          file: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description PLAN_FILE_TOO_LARGE */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_listForStaff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanView'];
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanView'];
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description PLAN_ALREADY_APPROVED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_pay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        lineNo: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | components['schemas']['PayPlanLineDto']
          | {
              /** @example 2020-02-20 */
              date: string;
              /** @example BOC202002200001 */
              bankReference?: string;
              /** @enum {string} */
              confirmExceeding?: 'true' | 'false';
              /**
               * Format: binary
               * @description PDF, PNG or JPEG (by content), at most 5 MB
               */
              file?: string;
              /**
               * @description true: the proof holds personal data; stored sealed and not shown publicly
               * @enum {string}
               */
              personalData?: 'true' | 'false';
            };
        'multipart/form-data':
          | components['schemas']['PayPlanLineDto']
          | {
              /** @example 2020-02-20 */
              date: string;
              /** @example BOC202002200001 */
              bankReference?: string;
              /** @enum {string} */
              confirmExceeding?: 'true' | 'false';
              /**
               * Format: binary
               * @description PDF, PNG or JPEG (by content), at most 5 MB
               */
              file?: string;
              /**
               * @description true: the proof holds personal data; stored sealed and not shown publicly
               * @enum {string}
               */
              personalData?: 'true' | 'false';
            };
      };
    };
    responses: {
      /** @description the disbursement that pays the line */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordedDisbursementView'];
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description PLAN_NOT_APPROVED, PLAN_LINE_PAID */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DISBURSEMENT_EXCEEDS_RECEIVED, INVALID_ATTACHMENT */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementPlansController_listPublic: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description approved plans only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementPlanListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PublicationsController_disclosureSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisclosureScheduleView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PublicationsController_publish: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PublicationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag, Cache-Control: public, max-age=10 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  PublicationsController_csv: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        file: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementConfirmationController_page: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementConfirmationController_submitForm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DisbursementConfirmationController_confirm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConfirmedDisbursementView'];
        };
      };
      /** @description DISBURSEMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DISBURSEMENT_ALREADY_CONFIRMED, DISBURSEMENT_ALREADY_VOIDED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_CONFIRMATION */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptRequestsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description JSON, or multipart/form-data with the same fields plus an optional `screenshot` (PNG, JPEG or WebP, at most 5 MB; 422 INVALID_SCREENSHOT) */
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateReceiptRequestDto'];
        'multipart/form-data': components['schemas']['CreateReceiptRequestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedReceiptRequestView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_ALREADY_REQUESTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH, INVALID_SCREENSHOT */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptRequestsController_decline: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DeclineReceiptDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptDeclineView'];
        };
      };
      /** @description ORDER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_ALREADY_REQUESTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptRequestsController_status: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptRequestStatusView'];
        };
      };
      /** @description RECEIPT_REQUEST_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptRequestsController_resend: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueuedView'];
        };
      };
      /** @description RECEIPT_REQUEST_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NOT_READY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptRequestsController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptVerificationView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_list: {
    parameters: {
      query?: {
        status?: 'pending_review' | 'queued' | 'issued' | 'rejected';
        campaignCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewedReceiptRequestListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_approveMany: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkApproveDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkApprovalView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_approveJob: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartApproveJobDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StartedJobView'];
        };
      };
      /** @description NOTHING_TO_APPROVE */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_aggregate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StaffAggregateReceiptRequestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffCreatedReceiptRequestView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApproveReceiptRequestDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApprovedView'];
        };
      };
      /** @description RECEIPT_REQUEST_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_REQUEST_CLOSED, RECEIPT_ALREADY_REQUESTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DONATION_REQUIRED, DONATION_NOT_PAID, AMOUNT_MISMATCH */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_reject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RejectedView'];
        };
      };
      /** @description RECEIPT_REQUEST_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_REQUEST_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_reveal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevealedPersonalDataView'];
        };
      };
      /** @description RECEIPT_REQUEST_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_search: {
    parameters: {
      query?: {
        campaignCode?: string;
        status?: 'issued' | 'voided';
        /** @description receipt number, order number, or part of the donor name or receipt title */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_resend: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueuedView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NOT_READY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_goodsReceipt: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GoodsReceiptRequestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffCreatedReceiptRequestView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_screenshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        requestId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_details: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptDetailsView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_pdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_void: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      /** @description the voided record */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptDetailsView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ReceiptsStaffController_reissue: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReissueReceiptDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReissuedReceiptView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_books: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptBookListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_registerBook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateReceiptBookDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisteredReceiptBookView'];
        };
      };
      /** @description RECEIPT_BOOK_OVERLAP */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_RECEIPT_BOOK */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_book: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptBookReportView'];
        };
      };
      /** @description RECEIPT_BOOK_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_spoil: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SpoilNumberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptBookView'];
        };
      };
      /** @description RECEIPT_BOOK_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NUMBER_USED, RECEIPT_BOOK_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NUMBER_OUTSIDE_BOOK */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_close: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptBookView'];
        };
      };
      /** @description RECEIPT_BOOK_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_BOOK_HAS_UNUSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_paper: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AttachPaperDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptOfficialView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND, RECEIPT_BOOK_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NUMBER_USED, OFFICIAL_RECEIPT_EXISTS, RECEIPT_VOIDED, RECEIPT_BOOK_CLOSED, RECEIPT_BOOK_EXHAUSTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RECEIPT_NUMBER_OUTSIDE_BOOK */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_fiscal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    /** @description JSON { code, number, checkCode, issuedAt }, or multipart with the same fields and `file`: the platform's PDF or OFD (checked by content; 422 INVALID_ATTACHMENT) */
    requestBody: {
      content: {
        'application/json': {
          /** @example 42010124 */
          code: string;
          /** @example 0012345678 */
          number: string;
          /** @example a1b2c3 */
          checkCode: string;
          /** @example 2020-02-03T10:00:00+08:00 */
          issuedAt: string;
          /** Format: binary */
          file?: string;
        };
        'multipart/form-data': {
          /** @example 42010124 */
          code: string;
          /** @example 0012345678 */
          number: string;
          /** @example a1b2c3 */
          checkCode: string;
          /** @example 2020-02-03T10:00:00+08:00 */
          issuedAt: string;
          /** Format: binary */
          file?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptOfficialView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description OFFICIAL_RECEIPT_EXISTS, RECEIPT_VOIDED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_ATTACHMENT */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueuedView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description FISCAL_PLATFORM_OFF */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_form: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptFormView'];
        };
      };
      /** @description RECEIPT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_declines: {
    parameters: {
      query?: {
        campaignCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReceiptDeclineListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  OfficialReceiptsStaffController_officialFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonorReceiptsController_receiptByClaim: {
    parameters: {
      query?: never;
      header?: {
        /** @description the gift's claim token; without it, the browser's HttpOnly cookie wn_claim_<orderNo> */
        'X-Claim-Token'?: string;
      };
      path: {
        orderNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the PDF */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonorReceiptsController_requestLink: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LookupLinkDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LookupLinkView'];
        };
      };
      /** @description INVALID_EMAIL */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonorReceiptsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DonorGiftListView'];
        };
      };
      /** @description LOOKUP_SESSION_REQUIRED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DonorReceiptsController_receiptByEmail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        receiptNo: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the PDF */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  BankTransfersController_record: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordBankTransferDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordedTransferView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DUPLICATE_BANK_REFERENCE */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_AMOUNT, FUND_NOT_FOUND, INVALID_DATE */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  BankTransfersController_import: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description field `campaignCode`, field `file`: a CSV (UTF-8 or GBK) or XLSX: the template (交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码), the header bankReference,amountYuan,payerName,receivedAt,payerAccount, or an export of 工商银行, 中国银行, 建设银行 or 农业银行 as the bank gives it (account and period rows above the header, summary rows below, debit rows skipped); optional field `mappingId`: a saved column mapping for any other layout. Local times are Beijing time. A file without the needed columns → 422 STATEMENT_COLUMNS_MISSING (details: missing, headers); unknown mappingId → 404 STATEMENT_MAPPING_NOT_FOUND */
    requestBody: {
      content: {
        'multipart/form-data': {
          campaignCode: string;
          /** Format: uuid */
          mappingId?: string;
          /** Format: binary */
          file: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND, STATEMENT_MAPPING_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description STATEMENT_TOO_LARGE */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_STATEMENT, STATEMENT_COLUMNS_MISSING */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  BankTransfersController_templateCsv: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  BankTransfersController_templateXlsx: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  BankTransfersController_importJob: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description field `campaignCode`, field `file`: a CSV (UTF-8 or GBK) or XLSX: the template (交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码), the header bankReference,amountYuan,payerName,receivedAt,payerAccount, or an export of 工商银行, 中国银行, 建设银行 or 农业银行 as the bank gives it (account and period rows above the header, summary rows below, debit rows skipped); optional field `mappingId`: a saved column mapping for any other layout. Local times are Beijing time. A file without the needed columns → 422 STATEMENT_COLUMNS_MISSING (details: missing, headers); unknown mappingId → 404 STATEMENT_MAPPING_NOT_FOUND */
    requestBody: {
      content: {
        'multipart/form-data': {
          campaignCode: string;
          /** Format: uuid */
          mappingId?: string;
          /** Format: binary */
          file: string;
        };
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StartedBackgroundJobView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND, STATEMENT_MAPPING_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description STATEMENT_TOO_LARGE */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StatementMappingsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatementMappingListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StatementMappingsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StatementMappingDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatementMappingView'];
        };
      };
      /** @description STATEMENT_MAPPING_EXISTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StatementMappingsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StatementMappingDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatementMappingView'];
        };
      };
      /** @description STATEMENT_MAPPING_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description STATEMENT_MAPPING_EXISTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  StatementMappingsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OkView'];
        };
      };
      /** @description STATEMENT_MAPPING_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  JobsController_recent: {
    parameters: {
      query?: {
        kind?: 'import_statement' | 'approve_receipts' | 'export';
        /** @description false: every job the caller may follow, not only the ones the caller started (default true) */
        mine?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  JobsController_status: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobView'];
        };
      };
      /** @description JOB_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_donationsCsv: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
        status?: 'pending' | 'paid' | 'failed' | 'refunded';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_donationsXlsx: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
        status?: 'pending' | 'paid' | 'failed' | 'refunded';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_receiptsCsv: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
        status?: 'issued' | 'voided';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_receiptsXlsx: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
        status?: 'issued' | 'voided';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_goodsCsv: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportsController_goodsXlsx: {
    parameters: {
      query?: {
        /** @description one campaign; all campaigns when left out */
        campaignCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportJobsController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartExportJobDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StartedBackgroundJobView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  ExportJobsController_file: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindCatalogueController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InKindItemListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindCatalogueController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInKindItemDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InKindItemView'];
        };
      };
      /** @description IN_KIND_ITEM_EXISTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_list: {
    parameters: {
      query: {
        campaignCode: string;
        limit?: number;
        status?: 'pledged' | 'received' | 'cancelled';
        /** @description true: only pledges with something still outstanding */
        outstanding?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PledgeListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_pledge: {
    parameters: {
      query?: never;
      header?: {
        /** @description the same key and body answer with the same pledge (same id, nothing new written); another body → 409 IDEMPOTENCY_KEY_REUSED */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInKindDonationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PledgeView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description UNKNOWN_ITEM, DUPLICATE_ITEM, INVALID_QUANTITY */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PledgeView'];
        };
      };
      /** @description IN_KIND_DONATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_edit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateInKindDonationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PledgeView'];
        };
      };
      /** @description IN_KIND_DONATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description PLEDGE_CANCELLED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description QUANTITY_BELOW_INSPECTED, UNKNOWN_ITEM */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CancelInKindDonationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PledgeView'];
        };
      };
      /** @description IN_KIND_DONATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description PLEDGE_CANCELLED, NOTHING_OUTSTANDING */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindDonationsController_inspect: {
    parameters: {
      query?: never;
      header?: {
        /** @description the same key and body answer as the first time; another body → 409 IDEMPOTENCY_KEY_REUSED */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InspectInKindDonationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InspectedPledgeView'];
        };
      };
      /** @description IN_KIND_DONATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description ALREADY_INSPECTED, PLEDGE_CANCELLED, IDEMPOTENCY_KEY_REUSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INSPECTION_EXCEEDS_PLEDGE, ITEM_NOT_PLEDGED */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindStockController_get: {
    parameters: {
      query: {
        campaignCode: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StockView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindStockController_movements: {
    parameters: {
      query: {
        campaignCode: string;
        limit?: number;
        /** @description only this item */
        itemCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StockMovementListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description UNKNOWN_ITEM */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindStockController_reconcile: {
    parameters: {
      query: {
        campaignCode: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StockReconciliationView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  InKindStockController_adjust: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AdjustStockDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdjustedStockView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INSUFFICIENT_STOCK */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description UNKNOWN_ITEM, INVALID_QUANTITY */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DistributionsController_list: {
    parameters: {
      query: {
        campaignCode: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DistributionListView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DistributionsController_distribute: {
    parameters: {
      query?: never;
      header?: {
        /** @description the same key and body answer as the first time; another body → 409 IDEMPOTENCY_KEY_REUSED */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDistributionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DistributionView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INSUFFICIENT_STOCK, IDEMPOTENCY_KEY_REUSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description UNKNOWN_ITEM, DUPLICATE_ITEM, INVALID_QUANTITY */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DistributionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DistributionView'];
        };
      };
      /** @description DISTRIBUTION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DistributionsController_deliveryNote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DeliveryConfirmationController_page: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DeliveryConfirmationController_submitForm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DeliveryConfirmationController_confirm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryView'];
        };
      };
      /** @description DISTRIBUTION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description DELIVERY_ALREADY_CONFIRMED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description INVALID_CONFIRMATION */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  DeliveryConfirmationController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryListView'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthView'];
        };
      };
      /** @description status unavailable, with statusCode, code SERVICE_UNAVAILABLE and message */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  MetricsController_metrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  QueueBoardController_open: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueBoardSessionView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
  QueueBoardController_close: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OkView'];
        };
      };
      /** @description an error: { statusCode, code, message, details? } */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorView'];
        };
      };
    };
  };
}
