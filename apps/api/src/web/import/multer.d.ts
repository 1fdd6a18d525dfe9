// The few parts of multer (installed with @nestjs/platform-express, which ships no types for it) the import page uses.
declare module 'multer' {
  import type { NextFunction, Request, Response } from 'express';

  interface MulterError extends Error {
    code: string;
    field?: string;
  }
  interface Options {
    storage?: unknown;
    limits?: { fileSize?: number; files?: number; fields?: number; fieldSize?: number; parts?: number };
  }
  interface Instance {
    single(field: string): (req: Request, res: Response, next: (error?: MulterError | Error) => void) => void;
  }
  interface Multer {
    (options?: Options): Instance;
    memoryStorage(): unknown;
  }
  const multer: Multer;
  export type { MulterError, NextFunction };
  export default multer;
}
