// The renderer moved to common/ (every feature with a page uses it); this keeps the old import path
// for the folders that still use it (receipts, mail, console, pages): they can import from common.
export { PageRenderer, TEMPLATES_DIR } from '../common/page-renderer';
