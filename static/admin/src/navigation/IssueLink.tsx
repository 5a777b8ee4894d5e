import { useEffect, useState } from 'react';
import { jiraSiteUrl, openInNewTab } from './externalLinks';

/** A Jira issue key as a link to the issue on the site (/browse/KEY), opened in a new tab. */
export function IssueLink({ issueKey }: { issueKey: string }) {
  const [site, setSite] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void jiraSiteUrl().then((url) => current && setSite(url));
    return () => {
      current = false;
    };
  }, []);
  if (!site) return <span>{issueKey}</span>;
  const href = `${site}/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a href={href} target="_blank" rel="noreferrer" onClick={(event) => openInNewTab(event, href)}>
      {issueKey}
    </a>
  );
}
