import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

/** The file input's name on the import page. */
export const IMPORT_FILE_FIELD = 'historyFile';
/** The largest history file the page takes (a spreadsheet of some thousands of steps is well under it). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The uploaded file (kept in memory: it is hashed, checked and, when good, kept by its SHA-256), or why it was not read. */
export interface ImportUploadRequest extends Request {
  file?: { originalname: string; buffer: Buffer; size: number };
  uploadProblem?: string;
}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 } }).single(IMPORT_FILE_FIELD);

const PROBLEMS: Record<string, string> = {
  LIMIT_FILE_SIZE: `The selected file must be smaller than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  LIMIT_FILE_COUNT: 'Select one CSV file',
  LIMIT_UNEXPECTED_FILE: 'Select one CSV file',
};

/**
 * Reads the import page's multipart form before the session guard runs, so the guard finds the CSRF
 * field in the body as it does for every other form. A file refused (too large, two files, a form
 * that is not multipart at all) is not an error page: the page says why, on the file input.
 */
export function importUpload(req: Request, res: Response, next: NextFunction): void {
  upload(req, res, (error) => {
    if (error)
      (req as ImportUploadRequest).uploadProblem = PROBLEMS[(error as { code?: string }).code ?? ''] ?? 'The selected file could not be read: select it again';
    next();
  });
}
