import type { Provider } from '@nestjs/common';
import type { ReadDatabase } from '@caretrail/read-store';
import { READ_DATABASE } from '../store/store.module';
import { FormHandler } from './forms/form-handler';
import { ImportFiles } from './import/import-files';
import { ConcernRecordReader } from './read/concern-record.reader';
import { ReadModelsReady } from './read/read-models-ready';
import { RecordNames } from './read/record-names';
import { ServiceRecordReader } from './read/service-record.reader';
import { projectionReadModels, WEB_READ_MODELS } from './read/web-read-models';

/** The readers and the form handler the page controllers use. */
export const WEB_PROVIDERS: Provider[] = [
  { provide: WEB_READ_MODELS, inject: [READ_DATABASE], useFactory: (read: ReadDatabase) => projectionReadModels(read) },
  ConcernRecordReader,
  ServiceRecordReader,
  RecordNames,
  ReadModelsReady,
  FormHandler,
  ImportFiles,
];
