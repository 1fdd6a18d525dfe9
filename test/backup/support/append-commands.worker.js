// A writer in its own thread, on its own SQLite connection, as the service would be: records comments
// on a demo concern through the command path, one after another, until told to stop. Each commit is
// reported with its global position and wall-clock time, so the test can tell which ones committed
// while a backup was running in the main thread.
require('reflect-metadata');
require('../../support/register-typescript');
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { CommandExecutor } = require('@caretrail/application');
const { demoIdentityByToken } = require('@caretrail/demo');
const { SqliteEventStore } = require('@caretrail/event-store/sqlite');

let stopping = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true;
});

(async () => {
  const store = new SqliteEventStore({ filename: workerData.filename });
  await store.init();
  const identity = demoIdentityByToken('demo-provider-ceo');
  const executor = new CommandExecutor(store);
  try {
    for (let n = 0; !stopping; n++) {
      const commandId = randomUUID();
      const result = await executor.execute(
        { kind: 'RecordConcernComment', concernId: workerData.concernId, commentId: randomUUID(), topic: 'general', text: `Written during the backup test, number ${n}`, occurredAt: new Date().toISOString() },
        { actor: { userId: identity.userId, organisationId: identity.organisationId, organisationKind: identity.organisationKind, role: identity.role }, commandId, correlationId: commandId, causationId: null },
      );
      parentPort.postMessage({ kind: 'commit', position: result.position, at: Date.now() });
    }
  } finally {
    await store.close();
  }
  parentPort.postMessage({ kind: 'stopped' });
})()
  .catch((error) => parentPort.postMessage({ kind: 'error', message: String(error && error.stack ? error.stack : error) }))
  .finally(() => parentPort.close());
