import { loadGatewayConfig } from '../../../common/config/gateway-settings';
import { createLogger } from '../../../common/log';
import { startGateway, type RunningGateway } from '../../../gateway/start-gateway';
import { startAllianceDirectory, startPartnerHospital } from '../../gateway/support/partner-hospital';
import { scratchDataDir, scratchSchemaFolder } from '../../gateway/support/schema-folder';
import type { TinySubgraph } from '../../gateway/support/tiny-subgraph';

export interface PartnerGateway {
  gateway: RunningGateway;
  url: string;
  base: string;
  dataDir: string;
  partner: TinySubgraph;
  close(): Promise<void>;
}

/**
 * An in-process gateway (port 0) in front of one partner hospital and an alliance
 * directory, both tiny servers outside the system: enough to exercise everything the
 * gateway refuses on its own, over real HTTP. `env` overrides gateway settings.
 */
export async function startPartnerGateway(env: NodeJS.ProcessEnv = {}, allianceResolvers: Record<string, unknown> = {}): Promise<PartnerGateway> {
  const dataDir = scratchDataDir();
  const partner = await startPartnerHospital('p-one', { staff: ['Lin', 'Bo'], departments: ['Surgery'] });
  const alliance = await startAllianceDirectory([{ id: 'p-one', url: partner.url }], allianceResolvers);
  try {
    const config = loadGatewayConfig({ PORT: '0', ALLIANCE_URL: alliance.url, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_REGISTRY_POLL_MS: '3600000', ...env });
    const gateway = await startGateway(config, { schemaDir: scratchSchemaFolder(), logger: createLogger('gateway', 'silent') });
    return {
      gateway,
      url: gateway.url,
      base: gateway.url.replace(/\/graphql$/, ''),
      dataDir,
      partner,
      async close() {
        await gateway.close();
        await Promise.all([partner.close(), alliance.close()]);
      },
    };
  } catch (error) {
    await Promise.all([partner.close(), alliance.close()]);
    throw error;
  }
}
