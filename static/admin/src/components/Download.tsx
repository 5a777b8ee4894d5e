import { useCallback, useEffect, useRef, useState } from 'react';
import { Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

export interface FileToSave {
  filename: string;
  contentType: string;
  content: string;
}

interface SavedFile {
  filename: string;
  url: string;
  bytes: number;
}

/**
 * Saves text the backend returned as a file: a Blob behind an object URL, clicked through an `<a download>`. No
 * request leaves the page, so the Custom UI CSP (`connect-src`, `img-src`) does not apply. Forge's iframe allows
 * downloads only right after a user gesture; when the backend took long enough for the browser to refuse, the
 * returned link lets the admin save the same file with one more click.
 */
export function useDownload(): { save(file: FileToSave): void; saved: SavedFile | null } {
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const current = useRef<SavedFile | null>(null);

  const replace = useCallback((next: SavedFile | null) => {
    if (current.current) URL.revokeObjectURL(current.current.url);
    current.current = next;
    setSaved(next);
  }, []);
  useEffect(() => () => replace(null), [replace]);

  const save = useCallback(
    (file: FileToSave) => {
      const blob = new Blob([file.content], { type: file.contentType });
      const next = { filename: file.filename, url: URL.createObjectURL(blob), bytes: blob.size };
      replace(next);
      const link = document.createElement('a');
      link.href = next.url;
      link.download = next.filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
    },
    [replace],
  );
  return { save, saved };
}

/** The last saved file, to save again if the browser did not start the download. */
export function SavedFileLink({ file }: { file: SavedFile | null }) {
  if (!file) return null;
  return (
    <Text color="color.text.subtle">
      Downloaded {file.filename} ({formatBytes(file.bytes)}). If your browser did not save it,{' '}
      <a href={file.url} download={file.filename} style={{ color: token('color.link') }}>
        save {file.filename} again
      </a>
      .
    </Text>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
