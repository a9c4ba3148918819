import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** The `platform_settings` table (one JSON value per key). */
@Injectable()
export class SettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totpRequiredForAdmins(): Promise<boolean> {
    const rows: { value: boolean }[] = await this.dataSource.query(
      `SELECT (value #>> '{}')::boolean AS value FROM platform_settings WHERE key = 'totpRequiredForAdmins'`,
    );
    return rows[0]?.value ?? false;
  }

  async setTotpRequiredForAdmins(manager: EntityManager, value: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO platform_settings (key, value, updated_at) VALUES ('totpRequiredForAdmins', $1::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(value)],
    );
  }

  async totpEnabled(accountId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT totp_enabled FROM accounts WHERE id = $1`, [accountId]);
    return !!row?.totp_enabled;
  }
}
