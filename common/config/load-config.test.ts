import { ConfigError, loadConfig } from './load-config';
import { boolSetting, enumSetting, intSetting, stringSetting, urlSetting } from './setting';

const settings = {
  port: intSetting('PORT', 'port', 4000, 0, 65535),
  name: stringSetting('NAME', 'name'),
  production: boolSetting('PROD', 'prod', false),
  level: enumSetting('LEVEL', 'level', ['info', 'debug'] as const, 'info'),
  db: urlSetting('DB', 'db', ['mysql:']),
};

describe('loadConfig', () => {
  it('applies defaults and parses values', () => {
    expect(loadConfig(settings, { PORT: '4101', PROD: 'true', DB: 'mysql://root@127.0.0.1:3306/x' })).toEqual({
      port: 4101,
      name: undefined,
      production: true,
      level: 'info',
      db: 'mysql://root@127.0.0.1:3306/x',
    });
  });

  it('reports every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig(settings, { PORT: '99999', PROD: 'maybe', LEVEL: 'loud', DB: 'postgres://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be between 0 and 65535, got 99999',
      'PROD must be true or false, got "maybe"',
      'LEVEL must be one of info, debug, got "loud"',
      'DB must use mysql:',
    ]);
    expect((error as Error).message).toContain('Invalid configuration:\n  - PORT');
  });
});
