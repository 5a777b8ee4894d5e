import { useEffect, useRef, useState } from 'react';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * A search box's text as typed, and the trimmed search to send once typing pauses; `onSearchChange` runs with
 * it (e.g. back to the first page), so a list never asks for a page of the old search with the new one.
 */
export function useDebouncedSearch(onSearchChange: () => void) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const onChange = useRef(onSearchChange);
  onChange.current = onSearchChange;

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(text.trim());
      onChange.current();
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return { text, setText, search };
}
