import { authoritiesToInform } from './category-correction';
import { ACTORS, EHPAD_45, IME_45, SAVS_45, TODAY } from './test-fixtures';

describe('authoritiesToInform', () => {
  it('informs the other authority when the competence is shared or changes hands', () => {
    // The ARS corrects a SAVS (Département) into a SSIAD (ARS): the Département loses it.
    expect(authoritiesToInform(ACTORS['ARS24 APR'], SAVS_45, 'ARS', TODAY)).toEqual(['CD']);
    // An EHPAD (shared) corrected by the Département into an EANM (Département): the ARS loses it.
    expect(authoritiesToInform(ACTORS['CD45 CONTROLLER'], EHPAD_45, 'CD', TODAY)).toEqual(['ARS']);
    // Into a shared category: the other authority gains it.
    expect(authoritiesToInform(ACTORS['ARS24 APR'], IME_45, 'SHARED', TODAY)).toEqual(['CD']);
  });

  it('informs nobody when the correction stays within the acting authority', () => {
    expect(authoritiesToInform(ACTORS['ARS24 APR'], IME_45, 'ARS', TODAY)).toEqual([]);
    expect(authoritiesToInform(ACTORS['CD45 APR'], SAVS_45, 'CD', TODAY)).toEqual([]);
  });

  it('informs every authority involved when the national administrator corrects', () => {
    expect(authoritiesToInform(ACTORS.NATIONAL, EHPAD_45, 'ARS', TODAY)).toEqual(['ARS', 'CD']);
    expect(authoritiesToInform(ACTORS.NATIONAL, IME_45, 'ARS', TODAY)).toEqual(['ARS']);
  });

  it('does not count a grant of another territory as acting', () => {
    // CD 37 is not the Département of a structure of the Loiret: the CD 45 is still informed.
    expect(authoritiesToInform(ACTORS['CD37 APR'], SAVS_45, 'ARS', TODAY)).toEqual(['ARS', 'CD']);
  });
});
