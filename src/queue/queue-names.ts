/** Queue names of features whose own folder the queue list may not import (it would close a folder cycle). */
export const DISCLOSURE_QUEUE = 'disclosure';
