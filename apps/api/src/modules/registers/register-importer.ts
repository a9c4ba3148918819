import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DictionaryVersionsRepository } from '../campaign-core/dictionary-versions.repository';
import { RegisterImportRepository } from './register-import.repository';
import { RegisterImportService } from './register-import.service';
import { RegisterPrefillRepository } from './register-prefill.repository';
import { RegisterPrefill } from './register-prefill.service';

/** The import service wired by hand on a data source (the CLI and the benchmark run without Nest). */
export function registerImporter(dataSource: DataSource): RegisterImportService {
  const prefill = new RegisterPrefill(
    dataSource,
    new AccessService(dataSource),
    new CampaignRepository(dataSource),
    new DictionaryRegistry(new DictionaryVersionsRepository(dataSource)),
    new RegisterPrefillRepository(),
  );
  return new RegisterImportService(dataSource, new RegisterImportRepository(), prefill);
}
