import { useCallback, useEffect, useRef, useState } from 'react';
import { HelperMessage } from '@atlaskit/form';
import { AsyncSelect } from '@atlaskit/select';
import type { SearchAnswer } from '../../../../src/contract';
import { messageOf } from '../api';

export interface PickerOption {
  value: string;
  label: string;
  isDisabled?: boolean;
}

export interface DirectoryPickerProps {
  inputId: string;
  /** Ids picked so far; a single picker holds at most one. */
  value: string[];
  onChange(ids: string[]): void;
  isMulti?: boolean;
  isInvalid?: boolean;
  placeholder?: string;
  /** Id of the help or error text under the field. */
  describedBy?: string;
}

export interface DirectorySource<T> {
  /** One page of `searchUsers` or `searchGroups`. */
  search(query: string, limit: number): Promise<SearchAnswer<T>>;
  /** Labels for ids already picked (from `lookupDirectory`). */
  lookup(ids: string[]): Promise<T[]>;
  idOf(entry: T): string;
  labelOf(entry: T): string;
  /** What "type more" and "nothing found" talk about: "users", "groups". */
  noun: string;
}

const DEBOUNCE_MS = 250;
const LIMIT = 20;

/** A searching Atlaskit select over the latest scan; labels for already picked ids are looked up once. */
export function DirectoryPicker<T>({
  source,
  ...props
}: DirectoryPickerProps & { source: DirectorySource<T> }) {
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { lookup, idOf, labelOf, search, noun } = source;

  const remember = useCallback(
    (entries: T[]) =>
      setLabels((known) => new Map([...known, ...entries.map((e) => [idOf(e), labelOf(e)] as const)])),
    [idOf, labelOf],
  );

  const unlabelled = props.value.filter((id) => !labels.has(id)).join(',');
  useEffect(() => {
    if (!unlabelled) return;
    lookup(unlabelled.split(','))
      .then(remember)
      .catch((err: unknown) => setProblem(`Names could not be loaded: ${messageOf(err)}`));
  }, [unlabelled, lookup, remember]);

  const loadOptions = useCallback(
    (query: string) =>
      new Promise<PickerOption[]>((resolve) => {
        clearTimeout(timer.current);
        if (!query.trim()) return resolve([]);
        timer.current = setTimeout(() => {
          search(query, LIMIT)
            .then((answer) => {
              setProblem(
                answer.snapshotCompletedAt === null
                  ? `No scan yet: run an analysis once, then search ${noun} here.`
                  : null,
              );
              remember(answer.matches);
              const options: PickerOption[] = answer.matches.map((e) => ({
                value: idOf(e),
                label: labelOf(e),
              }));
              if (answer.more) {
                options.push({
                  value: '',
                  label: `More ${noun} match: type more to narrow`,
                  isDisabled: true,
                });
              }
              resolve(options);
            })
            .catch((err: unknown) => {
              setProblem(`Search failed: ${messageOf(err)}`);
              resolve([]);
            });
        }, DEBOUNCE_MS);
      }),
    [search, noun, idOf, labelOf, remember],
  );

  const selected = props.value.map((id) => ({ value: id, label: labels.get(id) ?? id }));
  const onChange = (picked: unknown) => {
    const list = Array.isArray(picked) ? (picked as PickerOption[]) : picked ? [picked as PickerOption] : [];
    props.onChange(list.map((o) => o.value));
  };
  return (
    <>
      <AsyncSelect<PickerOption, boolean>
        inputId={props.inputId}
        isMulti={props.isMulti ?? true}
        value={props.isMulti === false ? (selected[0] ?? null) : selected}
        onChange={onChange}
        loadOptions={loadOptions}
        isClearable
        isInvalid={props.isInvalid}
        placeholder={props.placeholder ?? `Type to search ${noun}`}
        noOptionsMessage={({ inputValue }) =>
          problem ?? (inputValue.trim() ? `No ${noun} match “${inputValue}”` : `Type to search ${noun}`)
        }
        aria-describedby={props.describedBy}
      />
      {problem && (
        <div role="status">
          <HelperMessage>{problem}</HelperMessage>
        </div>
      )}
    </>
  );
}
