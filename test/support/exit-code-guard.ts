/**
 * With PostgreSQL the files run one at a time in jest's own process (maxWorkers 1), so a test that runs a
 * CLI command in process and leaves `process.exitCode` set would make the whole run exit 1 with every
 * test passed. Each file must leave it unset: this names the file that did not, and resets it.
 */
afterAll(() => {
  const left = process.exitCode;
  process.exitCode = undefined;
  if (left !== undefined && Number(left) !== 0) {
    throw new Error(
      `process.exitCode was ${String(left)} at the end of this file: a command run in process set it (reset it), or work an earlier file left running failed after its teardown (jest sets it then: see an 'after the Jest environment has been torn down' error above)`,
    );
  }
});
