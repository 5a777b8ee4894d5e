import { measureDefinition, type Measure } from '../../../../src/domain/measures';

/** The definitions of the measures a figure counts, in a line each under it: the same words on every screen. */
export function MeasureNote({ measures, inactiveDays }: { measures: Measure[]; inactiveDays: number }) {
  return (
    <ul className="measure-note">
      {measures.map((measure) => (
        <li key={measure} data-measure={measure}>
          {measureDefinition(measure, inactiveDays)}
        </li>
      ))}
    </ul>
  );
}
