// The notification sender alone in a process of its own, over a SQLite read database (READ_DB), with
// the CARETRAIL_NOTIFY_* settings of its environment: what the kill -9 test starts and kills.
require('../../support/register-typescript.js');
require('reflect-metadata');
const { openReadDatabase } = require('@caretrail/read-store');
const { loadNotifyConfig } = require('@caretrail/config');
const { contactMayRead, createEmailSender, NotificationDispatcher } = require('@caretrail/notifications');

(async () => {
  const read = await openReadDatabase({ kind: 'sqlite', filename: process.env.READ_DB });
  const config = loadNotifyConfig();
  const log = (line) => process.stdout.write(`${line}\n`);
  const dispatcher = new NotificationDispatcher({ db: read.db, sender: createEmailSender(config, log), config, mayRead: contactMayRead, log });
  dispatcher.start();
  process.stdout.write('ready\n');
})().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
