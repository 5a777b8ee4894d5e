/** Hands out unique addresses the way a mail admin does: `jane.doe@`, then `jane.doe2@`, `jane.doe3@`. */
export class EmailAddresses {
  private readonly addresses = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  claim(localPart: string, domain: string): string {
    const base = `${localPart}@${domain}`;
    let suffix = this.nextSuffix.get(base) ?? 1;
    let address = suffix === 1 ? base : `${localPart}${suffix}@${domain}`;
    while (this.addresses.has(address)) {
      suffix++;
      address = `${localPart}${suffix}@${domain}`;
    }
    this.nextSuffix.set(base, suffix + 1);
    this.addresses.add(address);
    return address;
  }
}

/** `"Mary-Jane O'Neil"` → `mary-jane.oneil`: the local part a company directory would give the person. */
export function mailboxName(...nameParts: string[]): string {
  return nameParts
    .map((part) =>
      part
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, ''),
    )
    .filter((part) => part.length > 0)
    .join('.');
}
