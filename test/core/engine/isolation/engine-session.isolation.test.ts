// The isolation suite against the engine as every host uses it (EngineSession), both layers on;
// and again with the engine process started without Node's permission model, so that the
// import gate is shown to hold on its own.
import { EngineSession } from '../../../../core/session/engine-session.js';
import { collectRun } from '../../../../core/session/collect.js';
import { engineCommand } from '../../../../core/engine/isolation/engine-command.js';
import { findEngineAssets } from '../../../../core/engine/assets.js';
import { dirname } from 'node:path';
import { describeIsolationSuite, type SuiteRunner } from './isolation-suite.js';

function sessionRunner(session: EngineSession): SuiteRunner {
  return {
    async run(filename, source) {
      const result = await collectRun(session, { filename, source });
      const errors = result.events.flatMap((event) => (event.type === 'error' ? [event.message] : []));
      const { code, reason } = result.exit;
      return { stdout: result.stdout, stderr: result.stderr, exit: { code, ...(reason ? { reason } : {}) }, errors };
    },
    dispose: () => session.dispose(),
  };
}

const engineFolder = dirname(findEngineAssets().engineFile);

describeIsolationSuite('isolation, both layers (EngineSession)', async () => sessionRunner(new EngineSession()), { watched: [engineFolder] });

describeIsolationSuite('isolation, the import gate alone (no permission model)', async () => {
  const withoutPermissions: typeof engineCommand = (assets, readable) => {
    const command = engineCommand(assets, readable);
    return { ...command, args: command.args.filter((arg) => !/^--(experimental-)?permission$|^--allow-fs-read=/.test(arg)) };
  };
  return sessionRunner(new EngineSession({ command: withoutPermissions }));
}, { watched: [engineFolder] });
