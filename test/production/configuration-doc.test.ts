import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIGURATION_DOC, renderConfigurationDoc } from '../../cli/commands/config-docs';
import { PROCESS_SETTINGS, SETTINGS_GROUPS } from '../../common/config/settings-catalogue';

describe('docs/CONFIGURATION.md', () => {
  it('is generated from the current settings (else run: npx medalliance config-docs)', () => {
    const onDisk = readFileSync(path.resolve(__dirname, '../..', CONFIGURATION_DOC), 'utf8');
    expect(onDisk).toBe(renderConfigurationDoc());
  });

  it('documents every variable every process reads', () => {
    const doc = renderConfigurationDoc();
    const all = [...SETTINGS_GROUPS.map((g) => g.settings), ...Object.values(PROCESS_SETTINGS)].flatMap((settings) => Object.values(settings));
    for (const setting of all) expect(doc).toContain(`| \`${setting.env}\` |`);
  });

  it('gives each variable one meaning within a process', () => {
    for (const [process, settings] of Object.entries(PROCESS_SETTINGS)) {
      const names = Object.values(settings).map((s) => s.env);
      expect({ process, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ process, duplicates: [] });
    }
  });
});
