import { Injectable } from '@nestjs/common';
import type { StructurePractices } from '@tdb/contracts';
import { QUALITATIVE_AXES, comparePractices, practiceItems } from '@tdb/indicators';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { PracticesRepository } from './practices.repository';
import { RestitutionService } from './restitution.service';

/**
 * The qualitative axes of a structure's restitution (O04–O06, issue 15 §3): each practice with the
 * structure's answer and the share of its peers (same category; nation, region, département) that
 * have it, no figure under 5 peers. Same access and phase rule as the restitution (ADR 0013):
 * before the restitution date a structure's own readers get their answers and no peer at all —
 * the peers are then not even counted.
 */
@Injectable()
export class PracticesService {
  constructor(
    private readonly restitutions: RestitutionService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly practices: PracticesRepository,
  ) {}

  async ofStructure(actor: AuthenticatedActor, year: number, finess: string): Promise<StructurePractices> {
    const { head, stage } = await this.restitutions.readable(actor, year, finess);
    const dictionary = await this.dictionaries.byVersion(head.dictionary_version);
    const axes = QUALITATIVE_AXES.map((axis) => ({
      axis,
      items: practiceItems(axis, dictionary, head.category_code),
    }));
    const items = axes.flatMap((a) => a.items);
    const own = await this.practices.own(year, head.finess, items);
    const peers = stage.peers.available
      ? await this.practices.peerCounts(
          year,
          head.category_code,
          { regionCode: head.region_code, departmentCode: head.department_code },
          items,
        )
      : null;
    return {
      campaignYear: year,
      finess: head.finess,
      categoryCode: head.category_code,
      regionCode: head.region_code,
      departmentCode: head.department_code,
      stage,
      axes: axes.map(({ axis, items: axisItems }) => ({
        code: axis.code,
        label: axis.label,
        meaning: axis.meaning,
        practices: comparePractices(axisItems, own, peers).map((p) => ({
          code: p.code,
          label: p.label,
          type: p.type,
          held: p.answer.held,
          date: p.answer.date,
          answer: p.answer.label,
          peers: p.peers === null ? null : p.peers.map((s) => ({ ...s })),
        })),
      })),
    };
  }
}
